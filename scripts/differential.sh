#!/usr/bin/env bash
# Differential test of kalc against the Kalypso reference oracle, in both directions.
#
#   scripts/differential.sh [--oracle BIN] [--kalc BIN] [--keep DIR] [CASES_DIR...]
#
# A CASES_DIR holds one folder per case, each with input/ (a Kalypso control plane in YAML:
# control-plane/main/, control-plane/<env>/, workloads/<registration>/), or .kal files (a
# project written in kalc's language, which only the backward direction checks). Default:
# Tests/Fixtures/oracle-cases, Tests/Fixtures/golden, Tests/Fixtures/kal-projects and examples.
#
# For every case:
#   forward   the oracle runs on input/; kalc imports input/ and compiles each environment on
#             its own (--env). An environment the oracle pushes must compile without errors to
#             the same tree, byte for byte; an environment it blocks must fail to compile, with
#             an error naming the deployment target and cluster type of
#             every issue the oracle opens and carrying the issue's body (unless the body is the
#             oracle's own text: an approximation, or where Kalypso would crash).
#   backward  the Kalypso objects kalc writes for each environment it pushes (OUT/control-plane,
#             OUT/workloads) go through the oracle again; the oracle must push that environment
#             with exactly kalc's tree (OUT/gitops/<env>). A .kal project is compiled as a whole
#             and every environment is checked this way.
# Prints one line per case and direction, the differences, and a summary; exits 1 on any
# difference.
#
# This is a developer tool, not part of scripts/test.sh: it needs the oracle, a Go program
# built from Debian's Go packages (default /work/shared/oracle/bin/oracle, or $KALC_ORACLE),
# and jq. kalc is built with `swift build` unless --kalc is given.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

oracle="${KALC_ORACLE:-/work/shared/oracle/bin/oracle}"
kalc=""
keep=""
folders=()
while [ $# -gt 0 ]; do
  case "$1" in
    --oracle) oracle="$2"; shift 2 ;;
    --kalc) kalc="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) folders+=("$1"); shift ;;
  esac
done
[ ${#folders[@]} -gt 0 ] || folders=(Tests/Fixtures/oracle-cases Tests/Fixtures/golden Tests/Fixtures/kal-projects examples)
[ -x "$oracle" ] || { echo "no oracle at $oracle (build it with its build.sh, or pass --oracle)" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 2; }
if [ -z "$kalc" ]; then
  swift build >/dev/null || { echo "swift build failed" >&2; exit 2; }
  kalc="$(swift build --show-bin-path)/kalc"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# The environments of an oracle output, each with pushed=true or pushed=false.
environments() {
  for issues in "$1"/*.issues.txt; do
    [ -e "$issues" ] || continue
    local name; name="$(basename "$issues" .issues.txt)"
    echo "$name $(head -n 1 "$issues" | sed -E 's/.*pushed=//')"
  done
}

# Splits the issues of an oracle issues file into DIR/issue-N.body (the body, byte for byte)
# and prints "N <deployment target> <cluster type>" for each.
split_issues() { # split_issues ISSUES-FILE DIR
  awk -v dir="$2" '
    /^title: Can.t generate manifests for deplyment target / {
      line = $0; sub(/^title: Can.t generate manifests for deplyment target /, "", line)
      split(line, parts, " in cluster type "); target = parts[1]
      clusterType = parts[2]; sub(/ in .* environment$/, "", clusterType)
      next
    }
    /^body:$/ { n++; inBody = 1; count = 0; next }
    inBody && /^=== END$/ {
      file = dir "/issue-" n ".body"; printf "" > file
      last = count
      if (count > 0 && lines[count] == "\\ No newline at end of body") last = count - 1
      for (i = 1; i <= last; i++) printf "%s%s", lines[i], (i < last || last == count ? "\n" : "") > file
      close(file)
      print n, target, clusterType
      inBody = 0; next
    }
    inBody { lines[++count] = $0 }
  ' "$1"
}

report() { # report CASE DIRECTION STATUS DETAILS-FILE
  if [ "$3" = ok ]; then
    passed=$((passed + 1)); echo "ok   $1 ($2)"
  else
    failed=$((failed + 1)); echo "FAIL $1 ($2)"; sed 's/^/     /' "$4" | head -n 60
  fi
}

for folder in "${folders[@]}"; do
  for case_dir in "$folder"/*/; do
    name="$(basename "$case_dir")"
    dir="$work/$name"
    mkdir -p "$dir"
    details="$dir/details"
    : >"$details"

    # ---------------------------------------------------------------- a .kal project
    if [ ! -d "$case_dir/input" ] && compgen -G "$case_dir*.kal" >/dev/null; then
      if ! "$kalc" compile "$case_dir" --out "$dir/kalc" --color never 2>"$dir/compile.stderr"; then
        echo "kalc compile fails:" >>"$details"; cat "$dir/compile.stderr" >>"$details"
      elif ! "$oracle" "$dir/kalc" "$dir/back" 2>"$dir/back.stderr"; then
        echo "the oracle fails on kalc's output:" >>"$details"; cat "$dir/back.stderr" >>"$details"
      else
        while read -r env pushed; do
          if [ "$pushed" != true ]; then
            echo "$env: kalc compiles it, the oracle does not push kalc's output:" >>"$details"; cat "$dir/back/$env.issues.txt" >>"$details"
          elif ! diff -r "$dir/back/$env" "$dir/kalc/gitops/$env" >"$dir/$env.diff"; then
            echo "$env: the trees differ (< oracle on kalc's objects, > kalc):" >>"$details"; cat "$dir/$env.diff" >>"$details"
          fi
        done < <(environments "$dir/back")
      fi
      if [ -s "$details" ]; then report "$name" backward fail "$details"; else report "$name" backward ok "$details"; fi
      [ -z "$keep" ] || { mkdir -p "$keep"; rm -rf "${keep:?}/$name"; cp -r "$dir" "$keep/$name"; }
      continue
    fi
    [ -d "$case_dir/input" ] || continue

    # ---------------------------------------------------------------- forward
    if ! "$oracle" "$case_dir/input" "$dir/oracle" 2>"$dir/oracle.stderr"; then
      echo "the oracle fails on the input:" >>"$details"; cat "$dir/oracle.stderr" >>"$details"
      report "$name" forward fail "$details"; continue
    fi
    if ! "$kalc" import "$case_dir/input" --output "$dir/imported.kal" --color never 2>"$dir/import.stderr"; then
      echo "kalc import fails:" >>"$details"; cat "$dir/import.stderr" >>"$details"
      report "$name" forward fail "$details"; continue
    fi
    pushed_envs=()
    while read -r env pushed; do
      out="$dir/kalc-$env"
      "$kalc" compile "$dir/imported.kal" --out "$out" --env "$env" --format json >"$dir/$env.json" 2>"$dir/$env.stderr"
      status=$?
      if [ "$pushed" = true ]; then
        if [ $status -ne 0 ]; then
          echo "$env: the oracle pushes it, kalc compile exits $status:" >>"$details"
          jq -r '.[] | select(.severity == "error") | "  " + .message' "$dir/$env.json" >>"$details" 2>/dev/null
          cat "$dir/$env.stderr" >>"$details"
          continue
        fi
        pushed_envs+=("$env")
        if [ ! -d "$out/gitops/$env" ]; then
          # An empty tree is no folder at all in kalc's output (git has no empty folders).
          if [ -n "$(find "$dir/oracle/$env" -type f | head -n 1)" ]; then
            echo "$env: the oracle pushes it, kalc writes no tree" >>"$details"
          fi
        elif ! diff -r "$dir/oracle/$env" "$out/gitops/$env" >"$dir/$env.diff"; then
          echo "$env: the trees differ (< oracle, > kalc):" >>"$details"; cat "$dir/$env.diff" >>"$details"
        fi
      else
        if [ $status -ne 1 ]; then
          echo "$env: the oracle blocks it, kalc compile exits $status" >>"$details"
          continue
        fi
        mkdir -p "$dir/$env.issues"
        while read -r n target cluster_type; do
          [ -n "$target" ] || continue
          naming='[.[] | select(.severity == "error" and (.message | contains($t)) and (.message | contains($c)))]'
          if ! jq -e --arg t "\`$target\`" --arg c "\`$cluster_type\`" "$naming | length > 0" "$dir/$env.json" >/dev/null; then
            echo "$env: no error names deployment target $target on cluster type $cluster_type" >>"$details"
          elif ! grep -q -e '\[oracle: approximate' -e '^oracle: ' "$dir/$env.issues/issue-$n.body" &&
               ! jq -e --arg t "\`$target\`" --arg c "\`$cluster_type\`" --rawfile body "$dir/$env.issues/issue-$n.body" \
                   "$naming | any(([.message] + .notes) | any(contains(\$body)))" "$dir/$env.json" >/dev/null; then
            echo "$env: no error about $target on $cluster_type carries Kalypso's issue:" >>"$details"
            { sed 's/^/    /' "$dir/$env.issues/issue-$n.body"; echo; } >>"$details"
          fi
        done < <(split_issues "$dir/oracle/$env.issues.txt" "$dir/$env.issues")
      fi
    done < <(environments "$dir/oracle")
    if [ -s "$details" ]; then report "$name" forward fail "$details"; else report "$name" forward ok "$details"; fi

    # ---------------------------------------------------------------- backward
    : >"$details"
    for env in "${pushed_envs[@]+"${pushed_envs[@]}"}"; do
      out="$dir/kalc-$env"
      [ -d "$out/gitops/$env" ] || continue
      if ! "$oracle" "$out" "$dir/back-$env" 2>"$dir/back-$env.stderr"; then
        echo "$env: the oracle fails on kalc's output:" >>"$details"; cat "$dir/back-$env.stderr" >>"$details"
        continue
      fi
      if ! head -n 1 "$dir/back-$env/$env.issues.txt" | grep -q "pushed=true"; then
        echo "$env: the oracle does not push kalc's output:" >>"$details"; cat "$dir/back-$env/$env.issues.txt" >>"$details"
      elif ! diff -r "$dir/back-$env/$env" "$out/gitops/$env" >"$dir/back-$env.diff"; then
        echo "$env: the trees differ (< oracle on kalc's objects, > kalc):" >>"$details"; cat "$dir/back-$env.diff" >>"$details"
      fi
    done
    if [ ${#pushed_envs[@]} -eq 0 ]; then
      : # nothing pushed: nothing to compare
    elif [ -s "$details" ]; then report "$name" backward fail "$details"; else report "$name" backward ok "$details"; fi
    [ -z "$keep" ] || { mkdir -p "$keep"; rm -rf "${keep:?}/$name"; cp -r "$dir" "$keep/$name"; }
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
