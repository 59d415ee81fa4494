#!/usr/bin/env bash
# Voices the recognition corpus of the stt-worker tests: every line of
# src/test/resources/corpus/manifest.tsv becomes <id>.wav beside it, as a phone line would carry
# it: 8 kHz, band-limited to 300-3400 Hz, μ-law (8-bit, which also keeps the files small), peak
# at -6 dBFS, the engines' own leading and trailing silence replaced by 0.3 s each.
# Needs: JDK 21+, sox and espeak-ng (apt-get install -y sox espeak-ng), Maven Central for the
# FreeTTS and MaryTTS jars. Run from anywhere: stt-worker/tools/corpus/make-corpus.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpus="$root/stt-worker/src/test/resources/corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/mvnw" -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath"
java -cp "$(cat "$work/classpath")" "$here/SynthesizeVoices.java" "$corpus/manifest.tsv" "$work/raw"

grep -v '^#' "$corpus/manifest.tsv" | while IFS=$'\t' read -r id voice kind text; do
  raw="$work/raw/$id.wav"
  if [ "$voice" = espeak ]; then
    espeak-ng -v en-us -s 150 -w "$raw" "$text"
  fi
  sox "$raw" -c 1 -e mu-law -b 8 "$corpus/$id.wav" \
    remix - sinc 300-3400 rate 8000 silence 1 0.02 -45d reverse silence 1 0.02 -45d reverse norm -6 pad 0.3 0.3
done
du -sh "$corpus"
