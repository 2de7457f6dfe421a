-- Argo CD health of a ModelAudit (modelaudit.io), read from its kstatus conditions.
-- Status written for an older generation says nothing about the current spec, so a lagging
-- status.observedGeneration is Progressing even when it still carries Stalled or Ready.
local hs = {}

local function condition(conditions, kind)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

local metadata = obj.metadata or {}
local status = obj.status

if metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: waiting for the operator to clean up in AWS and remove its finalizer"
  if status ~= nil then
    local stalled = condition(status.conditions, "Stalled")
    if isTrue(stalled) then
      hs.message = "Deleting, blocked: " .. messageOf(stalled, "the operator reports Stalled")
    end
  end
  return hs
end

if status == nil or status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local generation = metadata.generation
local observed = status.observedGeneration
if observed == nil or (generation ~= nil and observed < generation) then
  hs.status = "Progressing"
  if generation ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  else
    hs.message = "Waiting for the operator to observe the current generation"
  end
  return hs
end

local stalled = condition(status.conditions, "Stalled")
if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = messageOf(stalled, "Stalled")
  return hs
end

local reconciling = condition(status.conditions, "Reconciling")
if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = messageOf(reconciling, "Reconciling")
  return hs
end

local ready = condition(status.conditions, "Ready")
if isTrue(ready) then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = messageOf(ready, "Waiting for the Ready condition")
return hs
