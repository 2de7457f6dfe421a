package io.modelaudit.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A request to audit one AI model through CloudWatch: log group, streams, filters, alarms. */
@Group(ModelAudit.GROUP)
@Version(ModelAudit.VERSION)
@Kind("ModelAudit")
@Plural("modelaudits")
@Singular("modelaudit")
@ShortNames("maudit")
@Categories("audit")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Alarm",
    jsonPath = ".status.alarmState",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Log Group",
    jsonPath = ".status.logGroup.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Retention",
    jsonPath = ".status.logGroup.retentionInDays",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelAudit extends CustomResource<ModelAuditSpec, ModelAuditStatus>
    implements Namespaced {

  public static final String GROUP = "modelaudit.io";
  public static final String VERSION = "v1alpha1";
}
