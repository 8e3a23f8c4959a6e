{{/* Labels every resource carries. */}}
{{- define "sozialraum.labels" -}}
app.kubernetes.io/part-of: sozialraum
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{/* The selector of one process: name and release, so two releases in a namespace never mix. */}}
{{- define "sozialraum.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "sozialraum.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* A variable from the existing Secret. */}}
{{- define "sozialraum.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.secrets.existingSecret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{- define "sozialraum.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: { drop: [ALL] }
{{- end }}

{{- define "sozialraum.podSecurity" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
seccompProfile: { type: RuntimeDefault }
{{- end }}

{{/* The migration container of one service (an init container or a step of the hook Job). */}}
{{- define "sozialraum.migrate" -}}
- name: migrate-{{ .name }}
  image: {{ include "sozialraum.image" .root }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  command: [node, services/{{ .name }}/dist/migrate.js]
  env:
    - { name: LOG_LEVEL, value: {{ .root.Values.config.logLevel | quote }} }
    {{- include "sozialraum.secretEnv" (dict "root" .root "name" "DATABASE_URL" "key" .root.Values.secrets.keys.databaseUrl) | nindent 4 }}
  securityContext:
    {{- include "sozialraum.containerSecurity" . | nindent 4 }}
{{- end }}

{{/*
One process: Deployment, its Service (not for the worker), PDB and optional HPA.
Arguments: root, name, entry (the node entry point), portName, env (list of extra variables), migrate (bool),
service (bool), startupFailures (startup probe attempts, 0: none), preStop (bool).
*/}}
{{- define "sozialraum.process" -}}
{{- $v := index .root.Values .name -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels:
    {{- include "sozialraum.labels" .root | nindent 4 }}
    {{- include "sozialraum.selector" . | nindent 4 }}
spec:
  {{- if not $v.hpa.enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "sozialraum.selector" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "sozialraum.labels" .root | nindent 8 }}
        {{- include "sozialraum.selector" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
    spec:
      terminationGracePeriodSeconds: {{ add (div .root.Values.shutdownTimeoutMs 1000) 15 }}
      securityContext:
        {{- include "sozialraum.podSecurity" . | nindent 8 }}
      {{- with .root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if and .migrate (eq .root.Values.migrations.mode "initContainer") }}
      initContainers:
        # node-pg-migrate takes an advisory lock: replicas starting together migrate once.
        {{- include "sozialraum.migrate" . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ include "sozialraum.image" .root }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          command: [node, {{ .entry }}]
          ports: [{ name: {{ .portName }}, containerPort: {{ $v.port }} }]
          envFrom: [{ configMapRef: { name: {{ .root.Release.Name }}-config } }]
          env:
            {{- toYaml .env | nindent 12 }}
            {{- range $name, $value := $v.env }}
            - { name: {{ $name }}, value: {{ $value | quote }} }
            {{- end }}
          readinessProbe: { httpGet: { path: /health/ready, port: {{ .portName }} }, periodSeconds: 5, failureThreshold: 2 }
          livenessProbe: { httpGet: { path: /health/live, port: {{ .portName }} }, periodSeconds: 10, failureThreshold: 3 }
          {{- if .startupFailures }}
          startupProbe: { httpGet: { path: /health/live, port: {{ .portName }} }, periodSeconds: 2, failureThreshold: {{ .startupFailures }} }
          {{- end }}
          {{- if .preStop }}
          # Endpoints drop the pod a moment after SIGTERM would arrive; the pause lets them catch up.
          lifecycle: { preStop: { sleep: { seconds: 5 } } }
          {{- end }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "sozialraum.containerSecurity" . | nindent 12 }}
          volumeMounts: [{ name: tmp, mountPath: /tmp }]
      volumes: [{ name: tmp, emptyDir: {} }]
{{- if .service }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
    {{- include "sozialraum.labels" .root | nindent 4 }}
    {{- include "sozialraum.selector" . | nindent 4 }}
spec:
  selector:
    {{- include "sozialraum.selector" . | nindent 4 }}
  ports: [{ name: {{ .portName }}, port: {{ $v.port }}, targetPort: {{ .portName }} }]
{{- end }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  labels:
    {{- include "sozialraum.labels" .root | nindent 4 }}
spec:
  minAvailable: {{ $v.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "sozialraum.selector" . | nindent 6 }}
{{- if $v.hpa.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  labels:
    {{- include "sozialraum.labels" .root | nindent 4 }}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: {{ .name }} }
  minReplicas: {{ $v.hpa.minReplicas }}
  maxReplicas: {{ $v.hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: {{ $v.hpa.targetCPUUtilizationPercentage }} } }
{{- end }}
{{- end }}
