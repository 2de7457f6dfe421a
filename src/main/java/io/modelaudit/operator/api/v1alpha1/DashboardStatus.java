package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The model's dashboard as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class DashboardStatus {

  @JsonPropertyDescription("Dashboard name (dashboards are global to the account).")
  private String name;

  @JsonPropertyDescription("Dashboard ARN.")
  private String arn;

  @JsonPropertyDescription("Link to the dashboard in the CloudWatch console.")
  private String url;
}
