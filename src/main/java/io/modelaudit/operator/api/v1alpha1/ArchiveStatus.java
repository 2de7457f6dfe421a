package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A subscription filter of the archive that exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class ArchiveStatus {

  @JsonPropertyDescription("Subscription filter name.")
  private String name;

  @JsonPropertyDescription("Where it copies events to.")
  private String destinationArn;
}
