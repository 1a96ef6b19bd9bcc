-- Headless Neovim with the shipped configuration (editors/neovim/kalc.lua) opening a `.kal`
-- file that has an error: passes when the error arrives as a diagnostic at its line.
-- Run by scripts/test-editors.sh: KALC names the binary, KALC_FILE the file, KALC_LINE the
-- 0-based line of the error, KALC_CODE its code, KALC_CONFIG the configuration.
local function finish(ok, message)
  io.stdout:write(message .. "\n")
  vim.cmd(ok and "qall!" or "cquit 1")
end

vim.g.kalc_path = os.getenv("KALC")
dofile(os.getenv("KALC_CONFIG"))
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("KALC_FILE")))

if vim.bo.filetype ~= "kalc" then
  finish(false, "neovim: the filetype is '" .. vim.bo.filetype .. "', not 'kalc'")
end
local line = tonumber(os.getenv("KALC_LINE"))
local code = os.getenv("KALC_CODE")
local found = vim.wait(20000, function()
  for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
    if diagnostic.lnum == line and tostring(diagnostic.code) == code then
      return true
    end
  end
  return false
end, 50)
if not found then
  local seen = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
    table.insert(seen, diagnostic.lnum .. ":" .. tostring(diagnostic.code))
  end
  finish(false, "neovim " .. tostring(vim.version().minor) .. ": no " .. code .. " at line " .. line .. " (seen: " .. table.concat(seen, ", ") .. ")")
else
  finish(true, "neovim 0." .. tostring(vim.version().minor) .. ": " .. code .. " at line " .. line .. " from the shipped configuration")
end
