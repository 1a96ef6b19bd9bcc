-- kalc in Neovim, from 0.7 to 0.11: `.kal` files get the `kalc` filetype, and `kalc lsp`
-- starts for them, one server per project (the folder holding `.git`, else the file's folder).
--
-- Put this file in ~/.config/nvim/plugin/ (or `dofile` it from init.lua / init.vim with
-- `lua dofile(...)`). The `kalc` executable must be on PATH; set vim.g.kalc_path to use
-- another one. Nothing else is needed: no plugin manager, no nvim-lspconfig.

local group = vim.api.nvim_create_augroup("kalc", { clear = true })

-- The filetype. `vim.filetype.add` needs `g:do_filetype_lua` on 0.7, so an autocommand
-- sets it there (and does no harm later).
if vim.filetype and vim.filetype.add and vim.fn.has("nvim-0.8") == 1 then
  vim.filetype.add({ extension = { kal = "kalc" } })
else
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = "*.kal",
    command = "setfiletype kalc",
  })
end

-- The nearest folder above `path` holding `.git`, else the folder of `path`.
local function project_root(path)
  local folder = vim.fn.fnamemodify(path, ":p:h")
  local current = folder
  while true do
    if vim.loop.fs_stat(current .. "/.git") then
      return current
    end
    local parent = vim.fn.fnamemodify(current, ":h")
    if parent == current then
      return folder
    end
    current = parent
  end
end

local function server_config(root)
  return {
    name = "kalc",
    cmd = { vim.g.kalc_path or "kalc", "lsp" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    -- Diagnostics are pushed for every file of the project; pulling them as well would show
    -- each one twice.
    init_options = { pullDiagnostics = false },
  }
end

-- Before 0.8 there is no `vim.lsp.start`: one client per root, attached by hand.
local clients = {}
local function start_before_0_8(bufnr, root)
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(server_config(root))
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "kalc",
  callback = function(event)
    local bufnr = event.buf
    vim.bo[bufnr].commentstring = "// %s"
    vim.bo[bufnr].shiftwidth = 2
    vim.bo[bufnr].expandtab = true

    local file = vim.api.nvim_buf_get_name(bufnr)
    if file == "" then
      return
    end
    local root = project_root(file)
    if vim.lsp.start then
      vim.lsp.start(server_config(root), { bufnr = bufnr })
    else
      start_before_0_8(bufnr, root)
    end
  end,
})
