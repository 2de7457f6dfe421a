{{/* The name of the chart's objects: the release name when it contains the chart's name. */}}
{{- define "modelaudit.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Selector labels: the release's own pods only (one release per shard may share a namespace). */}}
{{- define "modelaudit.selectorLabels" -}}
app.kubernetes.io/name: modelaudit-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "modelaudit.labels" -}}
{{ include "modelaudit.selectorLabels" . }}
app.kubernetes.io/part-of: modelaudit
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "modelaudit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "modelaudit.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* "Op=n,Op=n", sorted, from the rateLimits map. */}}
{{- define "modelaudit.rateLimits" -}}
{{- $items := list -}}
{{- range $op, $limit := .Values.rateLimits -}}
{{- $items = append $items (printf "%s=%v" $op $limit) -}}
{{- end -}}
{{- join "," $items -}}
{{- end -}}
