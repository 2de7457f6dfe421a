package io.modelaudit.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster-scoped and written by the cluster's administrator only: the AWS account (an IAM role the
 * operator assumes) where the ModelAudits of some namespaces live. Tenants never name a role; their
 * namespace decides it.
 */
@Group(ModelAudit.GROUP)
@Version(ModelAudit.VERSION)
@Kind("ModelAuditAccount")
@Plural("modelauditaccounts")
@Singular("modelauditaccount")
@ShortNames("mauditaccount")
@Categories("audit")
@AdditionalPrinterColumn(
    name = "Role",
    jsonPath = ".spec.roleArn",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelAuditAccount extends CustomResource<ModelAuditAccountSpec, Void> {}
