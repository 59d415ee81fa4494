package dev.voicebot.tts.synth.cartesia;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizerContract;
import okhttp3.OkHttpClient;

class CartesiaSynthesizerContractTest extends SpeechSynthesizerContract {

    private FakeCartesiaServer server;
    private OkHttpClient client;

    @Override
    protected SpeechSynthesizer create() throws Exception {
        server = new FakeCartesiaServer(6, 15);
        client = new OkHttpClient();
        return new CartesiaSynthesizer(client, server.settings(FakeCartesiaServer.KEY), EventCodec.mapper());
    }

    @Override
    protected void release() throws Exception {
        super.release();
        client.dispatcher().executorService().shutdown();
        server.close();
    }
}
