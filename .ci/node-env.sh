# Source this: puts a Node >= 22 first on PATH. When the machine's Node is older, provisions
# Node 24 from the npm registry package `node@24` into the git-ignored .tools/node folder.
_ebr_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ebr_node_major() { node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if [ "$(_ebr_node_major)" -lt 22 ]; then
  _ebr_tools="$_ebr_root/.tools/node"
  if [ ! -x "$_ebr_tools/node_modules/node/bin/node" ]; then
    echo "ci: Node $(node --version 2>/dev/null || echo none) is older than 22; installing node@24 into .tools/node" >&2
    mkdir -p "$_ebr_tools"
    npm install --prefix "$_ebr_tools" --no-save --no-audit --no-fund --loglevel=error node@24 >&2 || return 1
  fi
  export PATH="$_ebr_tools/node_modules/node/bin:$PATH"
  hash -r
fi
echo "ci: using Node $(node --version), npm $(npm --version)" >&2
