;;; kalc-mode.el --- Major mode for kalc, the language of Kalypso control planes  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages
;; URL: https://github.com/kalc-lang/kalc

;;; Commentary:

;; Editing `.kal' files: highlighting, indentation by braces, brackets and parentheses,
;; `//' comments, and `kalc lsp' registered with eglot (Emacs 29 has eglot built in; on
;; Emacs 26 to 28 install it from GNU ELPA or Debian's `elpa-eglot').
;;
;;   (add-to-list 'load-path "/path/to/kalc/editors/emacs")
;;   (require 'kalc-mode)
;;   (add-hook 'kalc-mode-hook #'eglot-ensure)   ; start kalc lsp for every .kal file
;;
;; `kalc-executable' names the kalc binary (default: `kalc' on `exec-path').

;;; Code:

(defgroup kalc nil
  "The kalc language for Kalypso control planes."
  :group 'languages
  :prefix "kalc-")

(defcustom kalc-executable "kalc"
  "The kalc executable: a name found on `exec-path', or a path."
  :type 'string
  :group 'kalc)

(defcustom kalc-indent-offset 2
  "Columns of indentation per level of braces, brackets and parentheses."
  :type 'integer
  :safe #'integerp
  :group 'kalc)

(defconst kalc-declaration-keywords
  '("environment" "clusterType" "policy" "config" "schema" "template" "registration"
    "workload" "target")
  "Keywords that declare a named object.")

(defconst kalc-other-keywords
  '("import" "repo" "requires" "json" "manifest" "targets" "clusterTypes" "where" "in"
    "notin" "commit" "format" "pattern" "min" "max")
  "Other keywords.")

(defconst kalc-properties
  '("controlPlane" "gitops" "base" "reconciler" "namespace" "config" "type" "contentType"
    "workspace" "source" "manifests" "registration")
  "The properties of declarations.")

(defconst kalc--name "[A-Za-z0-9_][A-Za-z0-9_./-]*"
  "A kalc name.")

(defconst kalc-font-lock-keywords
  `((,(concat "\\_<\\(" (regexp-opt kalc-declaration-keywords) "\\)\\_>[ \t]+\\(" kalc--name "\\)")
     (1 font-lock-keyword-face) (2 font-lock-type-face))
    (,(concat "^[ \t]*\\(" (regexp-opt kalc-properties) "\\)[ \t]*=[^=]")
     (1 font-lock-builtin-face))
    (,(concat "^[ \t]*\\(" kalc--name "\\|\"[^\"\n]*\"\\)\\??[ \t]*:")
     (1 font-lock-variable-name-face))
    (,(concat "\\(" kalc--name "\\)[ \t]*:") (1 font-lock-constant-face))
    (,(concat "\\(" kalc--name "\\)[ \t]*@") (1 font-lock-constant-face))
    (,(regexp-opt (append kalc-declaration-keywords kalc-other-keywords) 'symbols)
     . font-lock-keyword-face)
    (,(regexp-opt '("string" "integer" "number" "boolean" "object" "array") 'symbols)
     . font-lock-type-face)
    (,(regexp-opt '("true" "false") 'symbols) . font-lock-constant-face))
  "Highlighting of kalc.")

(defvar kalc-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 12" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?. "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?{ "(}" table)
    (modify-syntax-entry ?} "){" table)
    (modify-syntax-entry ?\[ "(]" table)
    (modify-syntax-entry ?\] ")[" table)
    (modify-syntax-entry ?\( "()" table)
    (modify-syntax-entry ?\) ")(" table)
    table)
  "Syntax table of `kalc-mode'.")

(defun kalc--in-text-block-p (position)
  "Whether POSITION lies inside a `\"\"\"' text block (counted from the buffer's start)."
  (save-excursion
    (goto-char (point-min))
    (let ((inside nil))
      (while (re-search-forward "\"\"\"" position t)
        (setq inside (not inside)))
      inside)))

(defun kalc-indent-line ()
  "Indent the current line by the depth of the brackets around it.
Lines inside a text block are left as they are."
  (interactive)
  (let ((column
         (save-excursion
           (back-to-indentation)
           (if (kalc--in-text-block-p (point))
               nil
             (let ((depth (car (save-excursion (syntax-ppss (line-beginning-position))))))
               (when (looking-at "[]})]") (setq depth (1- depth)))
               (* kalc-indent-offset (max depth 0)))))))
    (when column
      (if (<= (current-column) (current-indentation))
          (indent-line-to column)
        (save-excursion (indent-line-to column))))))

;;;###autoload
(define-derived-mode kalc-mode prog-mode "kalc"
  "Major mode for kalc, the language of Kalypso control planes."
  :syntax-table kalc-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "//+[ \t]*")
  (setq-local font-lock-defaults '(kalc-font-lock-keywords))
  (setq-local indent-line-function #'kalc-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width kalc-indent-offset)
  (setq-local electric-indent-chars (append "{}[]()" electric-indent-chars)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.kal\\'" . kalc-mode))

(defun kalc-eglot-server (&optional _interactive)
  "The command that starts the kalc language server, for eglot.
Diagnostics are pushed for every file of the project, so they are not pulled as well."
  (list kalc-executable "lsp" :initializationOptions '(:pullDiagnostics :json-false)))

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(kalc-mode . kalc-eglot-server)))

(provide 'kalc-mode)

;;; kalc-mode.el ends here
