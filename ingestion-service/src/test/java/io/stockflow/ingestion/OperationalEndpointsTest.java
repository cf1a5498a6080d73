package io.stockflow.ingestion;

import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.OperationalEndpointsContract;

@IntegrationTest
class OperationalEndpointsTest extends OperationalEndpointsContract {
}
