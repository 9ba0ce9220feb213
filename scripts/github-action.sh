#!/usr/bin/env bash
# The analysis step of wglint's GitHub Action (action.yml at the root of
# the repository): runs wglint once, writes its SARIF log, prints the
# findings (as text, and as workflow annotations where the log cannot be
# uploaded), and says what the next steps do through $GITHUB_OUTPUT.
#
# Environment (the action's inputs):
#   WGLINT            the wglint binary
#   INPUT_PACKAGES    package patterns (default ./...)
#   INPUT_BASELINE    a baseline file: only findings not in it are reported
#                     and fail the run; it must exist (create it with
#                     wglint -baseline FILE ./... and commit it)
#   INPUT_FLAGS       more wglint flags, split on spaces (-checks=..., -tags=...)
#   INPUT_SARIF       the SARIF file to write (default wglint.sarif)
#   INPUT_UPLOAD      auto (default), true or false: whether the log is
#                     uploaded to code scanning; auto uploads except on pull
#                     requests from forks and from Dependabot, whose token
#                     cannot write security events
# and GitHub's GITHUB_OUTPUT, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
# GITHUB_REPOSITORY and GITHUB_ACTOR.
#
# Outputs: exit-code (wglint's: 0 nothing new, 3 findings, 1 an error, 2
# bad usage), sarif-file, findings (how many results the log has) and
# upload (true or false).
#
# It exits 0 when wglint found findings (exit code 3), so that the log is
# still uploaded; the action's last step fails the job on them.
set -uo pipefail

out=${GITHUB_OUTPUT:-/dev/null}
sarif=${INPUT_SARIF:-wglint.sarif}
read -r -a packages <<<"${INPUT_PACKAGES:-./...}"
read -r -a flags <<<"${INPUT_FLAGS:-}"

args=(-sarif-out "$sarif")
if [ -n "${INPUT_BASELINE:-}" ]; then
	if [ ! -f "$INPUT_BASELINE" ]; then
		echo "::error title=wglint::the baseline $INPUT_BASELINE does not exist; create it with: wglint -baseline $INPUT_BASELINE ${packages[*]}, and commit it"
		echo "exit-code=2" >>"$out"
		exit 2
	fi
	args+=(-baseline "$INPUT_BASELINE")
fi

# Can this run upload? Pull requests from forks and from Dependabot get
# a read-only token.
upload=${INPUT_UPLOAD:-auto}
if [ "$upload" = auto ]; then
	upload=true
	if [ "${GITHUB_EVENT_NAME:-}" = pull_request ] || [ "${GITHUB_EVENT_NAME:-}" = pull_request_target ]; then
		head=$(jq -r '.pull_request.head.repo.full_name // ""' "${GITHUB_EVENT_PATH:-/dev/null}" 2>/dev/null || true)
		if [ "$head" != "${GITHUB_REPOSITORY:-}" ] || [ "${GITHUB_ACTOR:-}" = "dependabot[bot]" ]; then
			upload=false
		fi
	fi
fi
case $upload in
true | false) ;;
*)
	echo "::error title=wglint::upload must be auto, true or false, not $upload"
	echo "exit-code=2" >>"$out"
	exit 2
	;;
esac

code=0
"$WGLINT" "${args[@]}" "${flags[@]}" "${packages[@]}" || code=$?
echo "exit-code=$code" >>"$out"
echo "sarif-file=$sarif" >>"$out"
echo "upload=$upload" >>"$out"
if [ ! -s "$sarif" ]; then
	echo "findings=0" >>"$out"
	exit "$code"
fi
echo "findings=$(jq '.runs[0].results | length' "$sarif")" >>"$out"

if [ "$upload" = false ]; then
	# Code scanning will not show them: annotate the pull request.
	echo "The SARIF log is not uploaded (a pull request from a fork, or upload: false); the findings are annotations:"
	jq -r '.runs[0].results[] |
		(.locations[0].physicalLocation) as $l |
		"::\(if .level == "error" then "error" else "warning" end) file=\($l.artifactLocation.uri),line=\($l.region.startLine),col=\($l.region.startColumn),endLine=\($l.region.endLine),endColumn=\($l.region.endColumn),title=wglint \(.ruleId)::\(.message.text | gsub("%"; "%25") | gsub("\r"; "%0D") | gsub("\n"; "%0A"))"' "$sarif"
fi

case $code in
0 | 3) exit 0 ;;
*) exit "$code" ;;
esac
