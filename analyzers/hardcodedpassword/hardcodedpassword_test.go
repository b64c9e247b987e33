package hardcodedpassword_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/hardcodedpassword"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), hardcodedpassword.Analyzer, "pw")
}

func TestIsPasswordName(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "Password": true, "dbPassword": true, "DBPassword": true, "DB_PASSWORD": true,
		"PGPASSWORD": true, "passwd": true, "db.password": true, "pwd": true, "user-password": true,
		"passwordHint": false, "PasswordFieldName": false, "ErrNoPassword": false, "errPassword": false,
		"pw": false, "passport": false, "bypass": false, "": false, "Pwdless": false,
		"ERRCODE_INVALID_PASSWORD": false, "InvalidPassword": false, "wrongPassword": false, "errnoPassword": false,
		"newPassword": true, "DefaultPassword": true, "ResetPassword": false, "RouteWellKnownChangePassword": false,
	} {
		if got := hardcodedpassword.IsPasswordName(name); got != want {
			t.Errorf("IsPasswordName(%q) = %v, want %v", name, got, want)
		}
	}
}
