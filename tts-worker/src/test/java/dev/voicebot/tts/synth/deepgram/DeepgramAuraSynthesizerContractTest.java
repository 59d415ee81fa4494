package dev.voicebot.tts.synth.deepgram;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizerContract;
import okhttp3.OkHttpClient;

class DeepgramAuraSynthesizerContractTest extends SpeechSynthesizerContract {

    private FakeDeepgramServer server;
    private OkHttpClient client;

    @Override
    protected SpeechSynthesizer create() throws Exception {
        server = new FakeDeepgramServer(600, 5);
        client = new OkHttpClient();
        return new DeepgramAuraSynthesizer(
                client,
                new DeepgramSettings(server.baseUrl(), FakeDeepgramServer.KEY, "aura-2-thalia-en"),
                EventCodec.mapper());
    }

    @Override
    protected void release() throws Exception {
        client.dispatcher().executorService().shutdown();
        server.close();
    }
}
