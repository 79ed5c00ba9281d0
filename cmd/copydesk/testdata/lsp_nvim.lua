-- Drives `copydesk lsp` through Neovim's built-in LSP client (Neovim 0.7
-- and later): opens a file, waits for the diagnostics, writes them out,
-- applies the quick fix of the last punct.double-period finding and
-- saves the result, then applies "fix all" and saves that.
--
-- Environment: CD_SERVER (the command, space-separated), CD_FILE (the
-- file to open), CD_ENC ("utf-8" to offer UTF-8 positions, else the
-- client's default), CD_OUT (a prefix for the files written: .diag,
-- .fix, .all).

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 3")
end

local out = vim.env.CD_OUT
local function write_lines(path, lines)
  local f = assert(io.open(path, "w"))
  f:write(table.concat(lines, "\n") .. "\n")
  f:close()
end

vim.cmd("edit " .. vim.fn.fnameescape(vim.env.CD_FILE))
local bufnr = vim.api.nvim_get_current_buf()

local config = {
  name = "copydesk",
  cmd = vim.split(vim.env.CD_SERVER, " ", { trimempty = true }),
  root_dir = vim.fn.fnamemodify(vim.env.CD_FILE, ":h"),
  before_init = function(params)
    if vim.env.CD_ENC == "utf-8" then
      params.capabilities.general = params.capabilities.general or {}
      params.capabilities.general.positionEncodings = { "utf-8", "utf-16" }
    end
  end,
  on_init = function(client, result)
    -- Neovim 0.10 and later do this themselves.
    local enc = result.capabilities.positionEncoding or result.offsetEncoding
    if enc then
      client.offset_encoding = enc
    end
  end,
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
if not client_id then
  fail("the client did not start")
end

if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  fail("no diagnostics")
end
local client = vim.lsp.get_client_by_id(client_id)

-- The diagnostics, with Neovim's byte columns.
local diags = vim.diagnostic.get(bufnr)
table.sort(diags, function(a, b)
  if a.lnum ~= b.lnum then return a.lnum < b.lnum end
  return a.col < b.col
end)
local lines = { "encoding " .. client.offset_encoding }
local last
for _, d in ipairs(diags) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(lines, string.format("%d:%d-%d:%d %s %s %d", d.lnum, d.col, d.end_lnum, d.end_col, d.source, code, d.severity))
  if code == "punct.double-period" then
    last = d
  end
end
write_lines(out .. ".diag", lines)
if not last then
  fail("no punct.double-period diagnostic")
end

local before = 0
for _, l in ipairs(lines) do
  if l:find(" punct.double-period ", 1, true) then before = before + 1 end
end

local uri = vim.uri_from_bufnr(bufnr)
local function actions(range, only)
  local resp = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = {}, only = only },
  }, 20000, bufnr)
  if not resp or resp.err or not resp.result then
    fail("codeAction: " .. vim.inspect(resp))
  end
  return resp.result
end

-- The quick fix of the last double period: its range in the client's
-- encoding, from the byte columns Neovim keeps.
local line = vim.api.nvim_buf_get_lines(bufnr, last.lnum, last.lnum + 1, false)[1]
local col = last.col
if client.offset_encoding ~= "utf-8" then
  local _, utf16 = vim.str_utfindex(line, last.col)
  col = utf16
end
local at = { line = last.lnum, character = col }
local fix
for _, a in ipairs(actions({ start = at, ["end"] = at }, { "quickfix" })) do
  if a.isPreferred and a.title:find("punct.double-period", 1, true) then
    fix = a
  end
end
if not fix then
  fail("no quick fix at the last double period")
end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
vim.cmd("write! " .. vim.fn.fnameescape(out .. ".fix"))

-- Fix all, on the text changed by the quick fix (a request sends the
-- pending changes first). Wait for the diagnostics of the new text too:
-- one double period fewer.
local function count(rule)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == rule then n = n + 1 end
  end
  return n
end
local all = actions({ start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } }, { "source.fixAll" })
if #all ~= 1 then
  fail("fix all: " .. vim.inspect(all))
end
if not vim.wait(30000, function() return count("punct.double-period") == before - 1 end, 20) then
  fail("no new diagnostics after the quick fix")
end
vim.lsp.util.apply_workspace_edit(all[1].edit, client.offset_encoding)
vim.cmd("write! " .. vim.fn.fnameescape(out .. ".all"))
vim.cmd("qall!")
