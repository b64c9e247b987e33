alter table public.attachments enable row level security;
create policy "Owners manage attachments" on public.attachments
  for all to authenticated
  using ((select public.is_note_owner(note_id)))
  with check ((select public.is_note_owner(note_id)));
