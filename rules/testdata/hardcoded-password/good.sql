\set app_password `echo $APP_PASSWORD`
CREATE USER app_user WITH PASSWORD :'app_password';
ALTER ROLE app_user PASSWORD :app_password;
CREATE ROLE flyway_user LOGIN PASSWORD '${app_password}';
CREATE ROLE tmpl_user LOGIN PASSWORD '{{ .Password }}';
CREATE ROLE nopass LOGIN PASSWORD NULL;
ALTER ROLE nopass PASSWORD '';
-- CREATE USER app_user WITH PASSWORD 'Summer2024!';
SELECT 'PASSWORD ''not-a-role''';
CREATE USER MAPPING FOR app_user SERVER reports OPTIONS (user 'report', password_required 'true');
SELECT dblink_connect('myconn', 'host=localhost dbname=crm user=crm');
SELECT dblink_connect('myconn');
CREATE TABLE users (id int, password text);
INSERT INTO users (id, password) VALUES (1, NULL);
