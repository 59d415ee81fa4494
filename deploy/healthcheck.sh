#!/bin/sh
# Container health check: the service's /actuator/health answers 200 (UP); curl -f fails on
# the 503 of DOWN. The port variable and default are the ones the module's application.yml reads.
case "$VOICEBOT_MODULE" in
  gateway) port=${GATEWAY_PORT:-8765} ;;
  dialer) port=${DIALER_PORT:-7860} ;;
  stt-worker) port=${STT_WORKER_PORT:-8081} ;;
  llm-worker) port=${LLM_WORKER_PORT:-8082} ;;
  tts-worker) port=${TTS_WORKER_PORT:-8083} ;;
  *)
    echo "healthcheck: unknown VOICEBOT_MODULE '$VOICEBOT_MODULE'" >&2
    exit 1
    ;;
esac
exec curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health"
