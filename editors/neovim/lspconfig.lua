-- kalc through Neovim's LSP configuration: `vim.lsp.config` and `vim.lsp.enable` on
-- Neovim 0.11 or later, nvim-lspconfig's registry of servers before that. Use this file
-- instead of kalc.lua when servers are managed that way.

vim.filetype.add({ extension = { kal = "kalc" } })

local kalc = {
  cmd = { vim.g.kalc_path or "kalc", "lsp" },
  filetypes = { "kalc" },
  root_markers = { ".git" },
  -- Diagnostics are pushed for every file of the project; pulling them as well would show
  -- each one twice.
  init_options = { pullDiagnostics = false },
}

if vim.lsp.config and vim.lsp.enable then
  vim.lsp.config("kalc", kalc)
  vim.lsp.enable("kalc")
else
  local configs = require("lspconfig.configs")
  if not configs.kalc then
    configs.kalc = {
      default_config = {
        cmd = kalc.cmd,
        filetypes = kalc.filetypes,
        root_dir = require("lspconfig.util").root_pattern(unpack(kalc.root_markers)),
        single_file_support = true,
        init_options = kalc.init_options,
      },
    }
  end
  require("lspconfig").kalc.setup({})
end
