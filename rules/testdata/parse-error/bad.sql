CREATE ROLE app_readonly;
GRANT SELECT ON TABLE accounts app_readonly; -- want "parse-error@32"
GRANT SELECT ON TABLE accounts TO app_readonly;
CREATE TABEL oops (id int); -- want "parse-error@8"
GRANT ALL ON TABLE accounts TO app; -- want "grant-all@7"
