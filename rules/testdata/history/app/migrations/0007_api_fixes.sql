ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;
DROP POLICY anyone ON public.todos;
ALTER VIEW public.todo_list SET (security_invoker = true);
REVOKE EXECUTE ON FUNCTION public.wipe() FROM PUBLIC;
