-- Started by TestNeovim: `nvim --headless -u NONE -c "luafile diagnostics.lua" FILE`.
-- Starts `grantguard lsp` for the current buffer, waits for its diagnostics
-- and writes them as JSON to $GG_OUT, then quits (which shuts the server
-- down).
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = 'grantguard',
  cmd = { os.getenv('GG_BIN'), 'lsp' },
  root_dir = os.getenv('GG_ROOT'),
  init_options = { debounceMs = 0 },
}
if vim.lsp.start then
  vim.lsp.start(config)
else -- Neovim 0.7
  vim.lsp.buf_attach_client(buf, vim.lsp.start_client(config))
end
local ok = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 10)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(found, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, code = d.code, source = d.source, message = d.message,
  })
end
local f = assert(io.open(os.getenv('GG_OUT'), 'w'))
f:write(vim.fn.json_encode({ ok = ok, diagnostics = found }))
f:close()
vim.cmd('qa!')
