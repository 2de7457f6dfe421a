package io.modelaudit.operator.cloudwatch;

/** A CloudWatch dashboard: its account-wide name and its body (JSON, as PutDashboard takes it). */
public record DashboardConfig(String name, String body) {}
