CREATE TABLE public.orders (id int, customer_id uuid, total numeric);
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
CREATE VIEW public.order_totals AS SELECT customer_id, sum(total) FROM public.orders GROUP BY 1; -- want "security-definer-view@1"
GRANT SELECT ON public.order_totals TO anon;

-- Through another view, and an invoker view made definer again.
CREATE VIEW public.recent WITH (security_invoker = true) AS SELECT * FROM public.orders WHERE id > 100;
CREATE VIEW public.recent_ids AS SELECT id FROM public.recent; -- want "security-definer-view@1"
GRANT SELECT ON public.recent_ids TO authenticated;
CREATE VIEW public.flip WITH (security_invoker) AS SELECT id FROM public.orders;
GRANT SELECT ON public.flip TO authenticated;
ALTER VIEW public.flip RESET (security_invoker); -- want "security-definer-view@1"
