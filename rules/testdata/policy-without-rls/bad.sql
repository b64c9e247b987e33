CREATE TABLE notes (id int, owner name DEFAULT current_user);
CREATE POLICY own_notes ON notes USING (owner = current_user); -- want "policy-without-rls@1"
CREATE POLICY more ON notes FOR INSERT WITH CHECK (owner = current_user);

CREATE TABLE docs (id int, owner name);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_docs ON docs USING (owner = current_user);
ALTER TABLE docs DISABLE ROW LEVEL SECURITY; -- want "policy-without-rls@18"
