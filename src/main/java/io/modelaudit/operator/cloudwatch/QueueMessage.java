package io.modelaudit.operator.cloudwatch;

/**
 * One message received from an SQS queue.
 *
 * @param receiptHandle what deletes this delivery of the message
 * @param body the message as sent; from EventBridge, the event as JSON
 * @param receiveCount how many times the message was received, this time included
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {}
