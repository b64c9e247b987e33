-- Policies first, row-level security enabled later in the migration.
CREATE TABLE notes (id int, owner name DEFAULT current_user);
CREATE POLICY own_notes ON notes USING (owner = current_user);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;

-- A table no migration creates: its row-level security is not known.
CREATE POLICY "Public read" ON storage.objects FOR SELECT USING (bucket_id = 'public');

-- Policies dropped before row-level security is turned off.
CREATE TABLE docs (id int, owner name);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_docs ON docs USING (owner = current_user);
DROP POLICY own_docs ON docs;
ALTER TABLE docs DISABLE ROW LEVEL SECURITY;

-- The table dropped.
CREATE TABLE tmp (id int);
CREATE POLICY p ON tmp USING (true);
DROP TABLE tmp;
