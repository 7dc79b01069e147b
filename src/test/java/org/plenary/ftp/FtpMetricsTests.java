package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The gateway's metrics as Prometheus shows them: names by its conventions, bounded labels. */
class FtpMetricsTests {

  @Test
  void rendersPrometheusNamesWithDirectionAndReplyCodeLabels() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new FtpMetrics(registry);
    metrics.sessionOpened();
    metrics.sessionOpened();
    metrics.sessionClosed();
    metrics.signInFailed();
    metrics.transferred(FtpMetrics.Direction.UPLOAD, 1000);
    metrics.transferred(FtpMetrics.Direction.DOWNLOAD, 300);
    metrics.transferred(FtpMetrics.Direction.DOWNLOAD, 200);
    metrics.replied(new Reply(550, "No."));
    metrics.replied(new Reply(226, "Fine."));
    metrics.replied(new Reply(530, "No."));

    assertThat(registry.scrape()).contains(
        "plenary_ftp_sessions 1.0",
        "plenary_ftp_sign_in_failures_total 1.0",
        "plenary_ftp_transfers_total{direction=\"upload\"} 1.0",
        "plenary_ftp_transfers_total{direction=\"download\"} 2.0",
        "plenary_ftp_bytes_total{direction=\"upload\"} 1000.0",
        "plenary_ftp_bytes_total{direction=\"download\"} 500.0",
        "plenary_ftp_refusals_total{code=\"550\"} 1.0",
        "plenary_ftp_refusals_total{code=\"530\"} 1.0")
        .doesNotContain("code=\"226\"");
  }
}
