CREATE TABLE widgets (id int);
GRANT ALL ON widgets TO PUBLIC;  -- undone "grant-all" undone "grant-to-public"
