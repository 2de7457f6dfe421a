package io.modelaudit.operator.cloudwatch;

/** A dashboard as GetDashboard describes it. DashboardBody is the JSON it was put with. */
public record ObservedDashboard(String name, String arn, String body) {}
