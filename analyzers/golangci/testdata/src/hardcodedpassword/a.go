package hardcodedpassword

const dbPassword = "Hunter2Hunter2" // want `hardcoded-password: dbPassword is set to a literal password \(Hu\*\*\*\)`
