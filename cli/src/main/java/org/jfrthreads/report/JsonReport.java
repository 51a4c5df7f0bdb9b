package org.jfrthreads.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.ThreadKind;

/**
 * The report as JSON, for programs. The format is stable: fields are only ever added within a
 * {@link #FORMAT_VERSION}; a change of meaning or a removal raises it.
 *
 * <h2>Units</h2>
 *
 * Durations are in seconds, as decimal numbers, in fields named {@code *_seconds}; times of day are
 * ISO-8601 strings in UTC with nanoseconds ({@code "2026-11-28T15:40:01.123456789Z"}); counts are
 * integers. Thread kinds are {@code "platform"} and {@code "virtual"}; blocking kinds are {@code
 * monitor_enter}, {@code monitor_wait}, {@code park} and {@code sleep}, as in the metrics.
 *
 * <h2>Fields</h2>
 *
 * <pre>
 * format_version            1
 * recording                 file, size_bytes, chunks, start_time, end_time, duration_seconds,
 *                           events_read {JFR event name: count, thresholds not yet applied},
 *                           events_below_threshold, events_analyzed
 * settings                  blocking_threshold_seconds, pinned_threshold_seconds, top
 * threads                   {platform|virtual: started, ended, live_at_end, lifetimes DURATIONS};
 *                           started, ended and live_at_end are null when the recording has no
 *                           start or end of that kind (not recorded, as on JDK 17)
 * blocking_by_kind          [kind, threads, durations DURATIONS]; only pairs with events
 * top_blocking              [kind, threads, class, durations DURATIONS]; largest total first
 * pinning                   [reason, site, durations DURATIONS]; largest total first
 * live_by_site              null until the analyzer reports creation sites; then [site, threads, live]
 * timeline                  bucket_seconds, buckets [start_offset_seconds (from recording.start_time),
 *                           platform {started, ended, live}, virtual {started, ended, live}]
 *                           live = starts minus ends since the first bucket (a net change)
 * growth                    {platform|virtual: verdict growing|steady|not_enough_data,
 *                           quarter_ends [4 net live counts] or [], growth_per_second}
 * notes                     [sentences on absent or partial data]
 *
 * DURATIONS                 count, total_seconds, p50_seconds, p99_seconds, max_seconds (quantiles
 *                           within 1 %, 0 when count is 0), bins [from_seconds, to_seconds (null
 *                           for the open last bin), count] from the first non-empty bin to the last
 * </pre>
 */
public final class JsonReport {

  /** The version of the format described above. */
  public static final int FORMAT_VERSION = 1;

  private JsonReport() {}

  public static String render(ReportModel model) {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("format_version").value(FORMAT_VERSION);
    recording(json, model.recording());
    ReportModel.Settings settings = model.settings();
    json.name("settings").beginObject();
    json.name("blocking_threshold_seconds")
        .rawNumber(HumanUnits.seconds(settings.blockingThresholdNanos()));
    json.name("pinned_threshold_seconds")
        .rawNumber(HumanUnits.seconds(settings.pinnedThresholdNanos()));
    json.name("top").value(settings.top());
    json.endObject();

    json.name("threads").beginObject();
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      json.name(TextReport.name(kind)).beginObject();
      // null, not 0, when the recording has no start or end of this kind: see "notes".
      json.name("started");
      countOrNull(json, threads, threads.started());
      json.name("ended");
      countOrNull(json, threads, threads.ended());
      json.name("live_at_end");
      countOrNull(json, threads, threads.liveAtEnd());
      durations(json.name("lifetimes"), threads.lifetimes());
      json.endObject();
    }
    json.endObject();

    json.name("blocking_by_kind").beginArray();
    for (ReportModel.BlockingSummary row : model.blockingByKind()) {
      json.beginObject();
      json.name("kind").value(row.kind().label());
      json.name("threads").value(TextReport.name(row.threadKind()));
      durations(json.name("durations"), row.durations());
      json.endObject();
    }
    json.endArray();

    json.name("top_blocking").beginArray();
    for (ReportModel.BlockedRow row : model.topBlocking()) {
      json.beginObject();
      json.name("kind").value(row.kind().label());
      json.name("threads").value(TextReport.name(row.threadKind()));
      json.name("class").value(row.className());
      durations(json.name("durations"), row.durations());
      json.endObject();
    }
    json.endArray();

    json.name("pinning").beginArray();
    for (ReportModel.PinnedRow row : model.pinning()) {
      json.beginObject();
      json.name("reason").value(row.reason());
      json.name("site").value(row.site());
      durations(json.name("durations"), row.durations());
      json.endObject();
    }
    json.endArray();

    json.name("live_by_site");
    if (model.liveBySite().isEmpty()) {
      json.nullValue();
    } else {
      json.beginArray();
      for (ReportModel.LiveSite site : model.liveBySite().get()) {
        json.beginObject();
        json.name("site").value(site.site());
        json.name("threads").value(TextReport.name(site.kind()));
        json.name("live").value(site.live());
        json.endObject();
      }
      json.endArray();
    }

    timeline(json, model);
    growth(json, model.growth());
    json.name("notes").beginArray();
    model.notes().forEach(json::value);
    json.endArray();
    return json.endObject().text();
  }

  private static void recording(JsonWriter json, ReportModel.Recording recording) {
    json.name("recording").beginObject();
    json.name("file").value(recording.file());
    json.name("size_bytes").value(recording.sizeBytes());
    json.name("chunks").value(recording.chunks());
    json.name("start_time").value(time(recording.startEpochNanos()));
    json.name("end_time").value(time(recording.endEpochNanos()));
    json.name("duration_seconds").rawNumber(HumanUnits.seconds(recording.durationNanos()));
    json.name("events_read").beginObject();
    for (Map.Entry<String, Long> events : recording.eventsByName().entrySet()) {
      json.name(events.getKey()).value(events.getValue());
    }
    json.endObject();
    json.name("events_below_threshold").value(recording.eventsBelowThreshold());
    json.name("events_analyzed").value(recording.eventsAnalyzed());
    json.endObject();
  }

  private static void timeline(JsonWriter json, ReportModel model) {
    Timeline timeline = model.timeline();
    json.name("timeline").beginObject();
    json.name("bucket_seconds").rawNumber(HumanUnits.seconds(timeline.bucketNanos()));
    json.name("buckets").beginArray();
    for (Timeline.Bucket bucket : timeline.buckets()) {
      json.beginObject();
      json.name("start_offset_seconds")
          .rawNumber(
              HumanUnits.seconds(bucket.startEpochNanos() - model.recording().startEpochNanos()));
      for (ThreadKind kind : ThreadKind.values()) {
        Timeline.Counts counts = bucket.of(kind);
        json.name(TextReport.name(kind)).beginObject();
        json.name("started").value(counts.started());
        json.name("ended").value(counts.ended());
        json.name("live").value(counts.live());
        json.endObject();
      }
      json.endObject();
    }
    json.endArray();
    json.endObject();
  }

  private static void growth(JsonWriter json, List<Growth> growths) {
    json.name("growth").beginObject();
    for (Growth growth : growths) {
      json.name(TextReport.name(growth.kind())).beginObject();
      json.name("verdict").value(growth.verdict().label());
      json.name("quarter_ends").beginArray();
      growth.quarterEnds().forEach(json::value);
      json.endArray();
      json.name("growth_per_second").value(growth.growthPerSecond());
      json.endObject();
    }
    json.endObject();
  }

  private static void countOrNull(JsonWriter json, ReportModel.ThreadSummary threads, long count) {
    if (threads.seen()) {
      json.value(count);
    } else {
      json.nullValue();
    }
  }

  private static void durations(JsonWriter json, DurationSummary durations) {
    json.beginObject();
    json.name("count").value(durations.count());
    json.name("total_seconds").rawNumber(HumanUnits.seconds(durations.totalNanos()));
    json.name("p50_seconds").rawNumber(HumanUnits.seconds(durations.p50Nanos()));
    json.name("p99_seconds").rawNumber(HumanUnits.seconds(durations.p99Nanos()));
    json.name("max_seconds").rawNumber(HumanUnits.seconds(durations.maxNanos()));
    json.name("bins").beginArray();
    for (DurationSummary.Bin bin : durations.bins()) {
      json.beginObject();
      json.name("from_seconds").rawNumber(HumanUnits.seconds(bin.lowerNanos()));
      json.name("to_seconds");
      if (bin.upperNanos() == Long.MAX_VALUE) {
        json.nullValue();
      } else {
        json.rawNumber(HumanUnits.seconds(bin.upperNanos()));
      }
      json.name("count").value(bin.count());
      json.endObject();
    }
    json.endArray();
    json.endObject();
  }

  private static String time(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }
}
