;;; eglot-session.el --- Emacs with eglot driving kalc lsp on a copy of examples/edge-fleet  -*- lexical-binding: t; -*-

;; Run by Tests/lsp/test_editors.py:
;;   emacs --batch -Q -l editors/emacs/kalc-mode.el -l Tests/editors/eglot-session.el
;; with KALC naming the binary and KALC_PROJECT the copy, where production.kal names the
;; misspelt template `arc-flx' on its first cluster type. Prints one line per step and exits
;; 0 when every step did what a user would see, 1 at the first that did not.

(require 'package)
;; Debian's elpa-eglot lives with the system's packages; Emacs 29 has eglot built in.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'xref)

(defvar kalc-test-project (file-name-as-directory (getenv "KALC_PROJECT")))
(setq kalc-executable (getenv "KALC"))
(setq eglot-sync-connect t
      eglot-autoreconnect nil
      eglot-events-buffer-size 0
      make-backup-files nil)
;; The copy is its own project, without version control.
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient kalc-test-project)))

(defun kalc-test-fail (format &rest arguments)
  (message "eglot: FAILED: %s" (apply #'format format arguments))
  (kill-emacs 1))

(defun kalc-test-pass (format &rest arguments)
  (message "eglot: %s" (apply #'format format arguments)))

(defun kalc-test-wait (what predicate &optional seconds)
  "Waits up to SECONDS (default 20) for PREDICATE to return non-nil, and returns that."
  (let ((deadline (+ (float-time) (or seconds 20)))
        (result nil))
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or result (kalc-test-fail "no %s within %s s" what (or seconds 20)))))

(defun kalc-test-goto (text &optional offset)
  (goto-char (point-min))
  (unless (search-forward text nil t) (kalc-test-fail "no `%s' in %s" text (buffer-name)))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(defun kalc-test-request (method params)
  (jsonrpc-request (eglot--current-server-or-lose) method params))

;; The mode alone: highlighting and indentation.
(with-temp-buffer
  (insert "environment qa {\nclusterType c [zone: a] {\nreconciler = arc-flux\n}\n  }\n")
  (kalc-mode)
  (indent-region (point-min) (point-max))
  (unless (equal (buffer-string) "environment qa {\n  clusterType c [zone: a] {\n    reconciler = arc-flux\n  }\n}\n")
    (kalc-test-fail "indentation gave %S" (buffer-string)))
  (font-lock-ensure)
  (dolist (expected '(("environment" . font-lock-keyword-face) ("qa" . font-lock-type-face)
                      ("reconciler" . font-lock-builtin-face) ("zone" . font-lock-constant-face)))
    (goto-char (point-min))
    (search-forward (car expected))
    (unless (eq (get-text-property (match-beginning 0) 'face) (cdr expected))
      (kalc-test-fail "`%s' has face %S" (car expected) (get-text-property (match-beginning 0) 'face))))
  (kalc-test-pass "kalc-mode indents and highlights"))

(find-file (expand-file-name "production.kal" kalc-test-project))
(unless (eq major-mode 'kalc-mode) (kalc-test-fail "the major mode is %s" major-mode))
(apply #'eglot (eglot--guess-contact))
(unless (eglot-current-server) (kalc-test-fail "eglot did not connect"))
(flymake-start)

;; Diagnostics: the misspelt template is an error at its line, through flymake.
(let ((diagnostic
       (kalc-test-wait "K0101 diagnostic"
                       (lambda ()
                         (flymake-start)
                         (seq-find (lambda (d) (string-match-p "arc-flx" (flymake-diagnostic-text d)))
                                   (flymake-diagnostics (point-min) (point-max)))))))
  (kalc-test-pass "diagnostic at line %d: %s" (line-number-at-pos (flymake-diagnostic-beg diagnostic))
                  (car (split-string (flymake-diagnostic-text diagnostic) "\n"))))

;; Hover: eglot without markdown-mode asks for plain text, and gets it.
(kalc-test-goto "store-namespace")
(let* ((hover (kalc-test-request :textDocument/hover (eglot--TextDocumentPositionParams)))
       (contents (plist-get hover :contents)))
  (unless (equal (plist-get contents :kind) "plaintext")
    (kalc-test-fail "hover is %S, not plaintext" (plist-get contents :kind)))
  (unless (string-match-p "template store-namespace" (plist-get contents :value))
    (kalc-test-fail "hover says %S" (plist-get contents :value)))
  (kalc-test-pass "hover: %s" (car (split-string (plist-get contents :value) "\n"))))

;; Definition: into the project, and into the standard library's written source.
(kalc-test-goto "store-namespace")
(let* ((found (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
       (file (and found (xref-location-group (xref-item-location (car found))))))
  (unless (and file (string-suffix-p "templates.kal" file)) (kalc-test-fail "definition of store-namespace: %S" file))
  (kalc-test-pass "definition: %s" (file-name-nondirectory file)))
(kalc-test-goto "reconciler = arc-flux" 13)
(let* ((found (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
       (file (and found (xref-location-group (xref-item-location (car found))))))
  (unless (and file (file-exists-p file) (string-suffix-p "stdlib/std.templates.kal" file))
    (kalc-test-fail "definition of arc-flux: %S" file))
  (kalc-test-pass "definition: %s" file))

;; Completion after `reconciler =': reconciler templates only.
(kalc-test-goto "reconciler = arc-flx" 20)
(let* ((capf (eglot-completion-at-point))
       (labels (all-completions "" (nth 2 capf))))
  (unless (member "arc-flux" labels) (kalc-test-fail "completion offers %S" labels))
  (when (member "store-config" labels) (kalc-test-fail "completion offers a config template: %S" labels))
  (kalc-test-pass "completion: %s" (string-join labels ", ")))

;; Quick fix: the did-you-mean of the diagnostic, applied by eglot.
(kalc-test-goto "arc-flx")
(let* ((actions (eglot-code-actions (point) (+ (point) 7) "quickfix"))
       (fix (seq-find (lambda (a) (string-match-p "arc-flux" (plist-get a :title))) actions)))
  (unless fix (kalc-test-fail "no quick fix among %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
  (eglot--apply-workspace-edit (plist-get fix :edit))
  (when (save-excursion (goto-char (point-min)) (search-forward "arc-flx" nil t))
    (kalc-test-fail "the quick fix left arc-flx"))
  (kalc-test-pass "quick fix: %s" (plist-get fix :title)))
(kalc-test-wait "the diagnostic to clear"
                (lambda ()
                  (flymake-start)
                  (not (seq-find (lambda (d) (eq (flymake-diagnostic-type d) :error))
                                 (flymake-diagnostics (point-min) (point-max))))))
(kalc-test-pass "no errors left")

;; Formatting: a line indented wrongly comes back to its place, and only it changes.
(kalc-test-goto "    namespace = store-namespace")
(insert "      ")
(let ((before (buffer-string)))
  (eglot-format-buffer)
  (kalc-test-goto "namespace = store-namespace")
  (unless (= (current-column) 4) (kalc-test-fail "formatting left column %d" (current-column)))
  (kalc-test-pass "formatting: %d characters removed" (- (length before) (length (buffer-string)))))

;; Rename: a template used in other files (open too, or eglot would ask before editing
;; them), renamed everywhere. Eglot sends the formatting's changes when Emacs is next idle,
;; which batch mode never is: they are sent first here.
(dolist (file (directory-files-recursively kalc-test-project "\\.kal\\'"))
  (find-file-noselect file))
(eglot--signal-textDocument/didChange)
(kalc-test-goto "store-namespace")
(eglot-rename "shop-namespace")
(when (save-excursion (goto-char (point-min)) (search-forward "store-namespace" nil t))
  (kalc-test-fail "the rename left store-namespace in production.kal"))
(with-current-buffer (find-file-noselect (expand-file-name "templates.kal" kalc-test-project))
  (unless (save-excursion (goto-char (point-min)) (search-forward "shop-namespace" nil t))
    (kalc-test-fail "the rename did not reach templates.kal")))
(with-current-buffer (find-file-noselect (expand-file-name "staging.kal" kalc-test-project))
  (unless (save-excursion (goto-char (point-min)) (search-forward "shop-namespace" nil t))
    (kalc-test-fail "the rename did not reach staging.kal")))
(kalc-test-pass "rename: store-namespace to shop-namespace in production.kal, staging.kal and templates.kal")

(ignore-errors (eglot-shutdown (eglot-current-server)))
(kill-emacs 0)
