CREATE TABLE public.orders (id int, customer_id uuid, total numeric);
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
CREATE VIEW public.order_totals WITH (security_invoker = true) AS
  SELECT customer_id, sum(total) FROM public.orders GROUP BY 1;
GRANT SELECT ON public.order_totals TO anon;

-- Fixed by a later statement.
CREATE VIEW public.recent AS SELECT * FROM public.orders WHERE id > 100;
GRANT SELECT ON public.recent TO authenticated;
ALTER VIEW public.recent SET (security_invoker = on);

-- Not readable by an API role, or in a schema it may not use.
CREATE VIEW public.internal_totals AS SELECT sum(total) FROM public.orders;
CREATE SCHEMA reporting;
CREATE VIEW reporting.totals AS SELECT sum(total) FROM public.orders;
GRANT SELECT ON reporting.totals TO authenticated;

-- Over a table without row-level security (rls-disabled's concern, if
-- exposed), and a materialized view.
CREATE TABLE public.catalog (id int, name text);
CREATE VIEW public.catalog_names AS SELECT name FROM public.catalog;
GRANT SELECT ON public.catalog_names TO anon;
