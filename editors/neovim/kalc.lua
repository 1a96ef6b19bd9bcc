-- kalc in Neovim (0.10 or later): `.kal` files get the `kalc` filetype, and `kalc lsp`
-- starts for them, one server per project (the folder holding `.git`, else the file's folder).
--
-- Put this file in ~/.config/nvim/plugin/ (or `require` it from init.lua). The `kalc`
-- executable must be on PATH; set vim.g.kalc_path to use another one.

vim.filetype.add({ extension = { kal = "kalc" } })

local group = vim.api.nvim_create_augroup("kalc", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "kalc",
  callback = function(event)
    vim.bo[event.buf].commentstring = "// %s"
    vim.bo[event.buf].shiftwidth = 2
    vim.bo[event.buf].expandtab = true

    local file = vim.api.nvim_buf_get_name(event.buf)
    local root = vim.fs.root(event.buf, { ".git" }) or vim.fs.dirname(file)
    vim.lsp.start({
      name = "kalc",
      cmd = { vim.g.kalc_path or "kalc", "lsp" },
      root_dir = root,
      -- Diagnostics are pushed for every file of the project; pulling them as well would
      -- show each one twice.
      init_options = { pullDiagnostics = false },
    }, { bufnr = event.buf })
  end,
})
