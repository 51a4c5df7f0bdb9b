package org.jfrthreads.opentelemetry;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;

/** One family as the SDK's exporters read it; the SDK's own implementation is internal. */
record BridgedMetricData(
    Resource getResource,
    InstrumentationScopeInfo getInstrumentationScopeInfo,
    String getName,
    String getDescription,
    String getUnit,
    MetricDataType getType,
    Data<?> getData)
    implements MetricData {}
