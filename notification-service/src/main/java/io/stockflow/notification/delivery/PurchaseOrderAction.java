package io.stockflow.notification.delivery;

import io.stockflow.notification.alert.Alert;
import io.stockflow.notification.channel.DeliveryOutcome;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The automated action of a rule: asks inventory, through the gateway with a PLANNER API key, for the item's reorder
 * recommendation as a draft purchase order ({@code create_drafts}). Inventory keys drafts by supplier, store, day
 * and content, so a retried or repeated action returns the same draft instead of a second order.
 */
public class PurchaseOrderAction {

    private final HttpClient http;
    private final JsonMapper json;
    private final String baseUrl;
    private final String apiKey;

    public PurchaseOrderAction(JsonMapper json, String baseUrl, String apiKey) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    public DeliveryOutcome run(Alert alert, UUID deliveryId) {
        if (apiKey == null || apiKey.isBlank()) {
            return new DeliveryOutcome(false, false, null,
                    "no inventory API key configured (stockflow.notification.inventory.api-key)");
        }
        String body = json.writeValueAsString(Map.of("store_ids", List.of(alert.storeId()), "product_ids",
                List.of(alert.productId()), "create_drafts", true));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/inventory/reorder/recommendations"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey).header("Idempotency-Key", deliveryId.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                var orders = json.readTree(response.body()).path("purchase_orders");
                String detail = orders.isEmpty() ? "inventory recommends no order now"
                        : "draft purchase order " + orders.get(0).path("purchase_order_id").asString();
                return new DeliveryOutcome(true, false, status, detail);
            }
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new DeliveryOutcome(false, retryable, status, truncate(response.body()));
        } catch (IOException e) {
            return new DeliveryOutcome(false, true, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome(false, true, null, "interrupted");
        }
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
