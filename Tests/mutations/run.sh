#!/usr/bin/env bash
# Mutation check: plants one-line bugs, one at a time, in a copy of the package and runs the
# tests that should catch each. Not part of `swift test`.
#
# usage: Tests/mutations/run.sh [MUTANTS_FILE] [ID...]
#   MUTANTS_FILE  default Tests/mutations/mutants.txt; lines "id | file | original | mutated | filter"
#                 (fields split on " | "; '#' starts a comment line). `original` must occur exactly
#                 once in `file`; `filter` is passed to `swift test --filter`.
#   ID...         run only these mutants
# Environment: MUTATION_WORKDIR (default /tmp/hearth-mutations) holds the copy and its build
# folder, reused between runs so each mutant rebuilds only what it touches.
# Prints one line per mutant (KILLED, SURVIVED, or NOT APPLIED / BUILD FAILED) and the kill rate;
# exits 1 when any mutant survived.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
list=${1:-$root/Tests/mutations/mutants.txt}
[ $# -gt 0 ] && shift
only=" $* "
work=${MUTATION_WORKDIR:-/tmp/hearth-mutations}
mkdir -p "$work/build"
# Fresh sources (modification times kept, so the kept build folder rebuilds only what changed).
rm -rf "$work/src" && mkdir -p "$work/src"
tar -C "$root" --exclude=./.build --exclude=./.git --exclude=./out -cf - . | tar -C "$work/src" -xf -
build() { (cd "$work/src" && swift build --build-tests --scratch-path "$work/build" >"$work/build.log" 2>&1); }
echo "building the unmutated copy..."
if ! build; then echo "the unmutated package does not build (see $work/build.log)"; exit 2; fi

killed=0; survived=0; skipped=0
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    id=${line%% | *}; rest=${line#* | }
    file=${rest%% | *}; rest=${rest#* | }
    original=${rest%% | *}; rest=${rest#* | }
    mutated=${rest%% | *}; filter=${rest#* | }
    if [ "$only" != "  " ] && [[ "$only" != *" $id "* ]]; then continue; fi
    target="$work/src/$file"
    if [ ! -f "$target" ]; then echo "NOT APPLIED  $id: no file $file"; skipped=$((skipped + 1)); continue; fi
    text=$(cat "$target"; printf x); text=${text%x}
    stripped=${text//"$original"/}
    occurrences=$(( (${#text} - ${#stripped}) / ${#original} ))
    if [ "$occurrences" -ne 1 ]; then
        echo "NOT APPLIED  $id: \"$original\" occurs $occurrences times in $file"; skipped=$((skipped + 1)); continue
    fi
    cp "$target" "$work/original"
    printf '%s' "${text/"$original"/"$mutated"}" > "$target"
    if ! build; then
        echo "BUILD FAILED $id (mutant does not compile; see $work/build.log)"; skipped=$((skipped + 1))
    elif (cd "$work/src" && swift test --skip-build --scratch-path "$work/build" --filter "$filter" >"$work/test-$id.log" 2>&1); then
        echo "SURVIVED     $id  ($file: $original -> $mutated; filter $filter)"; survived=$((survived + 1))
    else
        failures=$(grep -c "recorded an issue" "$work/test-$id.log")
        echo "KILLED       $id  ($failures issues recorded)"; killed=$((killed + 1))
    fi
    cp "$work/original" "$target"
done < "$list"
build >/dev/null 2>&1
total=$((killed + survived))
echo "killed $killed of $total mutants ($skipped not run)"
[ "$survived" -eq 0 ]
