package io.stockflow.notification;

import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.OperationalEndpointsContract;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Closed after its tests: left alive, this context's listener would share the alert topics' consumer group with
 * NotificationIntegrationTest's context (and its own database), taking part of that test's events.
 */
@IntegrationTest
@DirtiesContext
class OperationalEndpointsTest extends OperationalEndpointsContract {
}
