# Sourced by the CI scripts from the repository root, after `npm ci`: puts the pinned Foundry (forge, cast, anvil)
# on PATH, and the solc shim's node with it.
#
# The platform packages' own binaries (node_modules/@foundry-rs/<tool>-<os>-<arch>/bin) come first: the npm
# wrappers in node_modules/.bin (@foundry-rs/<tool>/bin.mjs, 1.7.1) spawn the binary but never pass its exit status
# on, so through them a failing `forge test`, `forge fmt --check`, snapshot check or `forge bind` check exits 0.
export PATH="$PWD/node_modules/.bin:$PATH"
for _dir in "$PWD"/node_modules/@foundry-rs/{forge,cast,anvil}-*/bin; do
  if [ -d "$_dir" ]; then PATH="$_dir:$PATH"; fi
done
unset _dir
# A failing command must fail: a wrapper that swallows exit codes would make every check below pass.
for _tool in forge cast anvil; do
  if "$_tool" --no-such-flag >/dev/null 2>&1; then
    echo "error: $(command -v "$_tool") exits 0 on a bad flag: CI would pass whatever $_tool reports" >&2
    exit 1
  fi
done
unset _tool
