/**
 * The worker's Kafka edges: the input listener (call events and speech, co-partitioned), the
 * output publisher, and the reader that restores conversations from the compacted state topic.
 */
package dev.voicebot.llm.kafka;
