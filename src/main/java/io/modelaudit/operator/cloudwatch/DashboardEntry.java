package io.modelaudit.operator.cloudwatch;

/** A dashboard as ListDashboards lists it: name and ARN, without its body. */
public record DashboardEntry(String name, String arn) {}
