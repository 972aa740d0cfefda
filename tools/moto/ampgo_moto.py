#!/usr/bin/env python3
"""Patching launcher for moto_server (moto 5.2.1), used by internal/testenv.

Usage is the same as moto_server:  python3 ampgo_moto.py -H 127.0.0.1 -p 5055

It monkey-patches moto in this process, then calls moto.server.main(argv).
Every patch only fills a gap that ampgo's tests need; none changes behaviour
that moto already implements. See docs/testing.md.

Measured 2026-11-26 on the 2-core dev VM (other builds running, so the
spread is wide): boto3 client, fresh server, 50 x CreateUserPool (email
username, one schema attribute), 4 runs each:

    moto_server (unpatched): 8.4 - 10.5 s  (168 - 210 ms per pool)
    this launcher:           0.34 - 0.83 s (7 - 17 ms per pool)

The benchmark script is in docs/testing.md.
"""

import functools
import json
import re
import sys

from moto.cloudformation import responses as cf_responses
from moto.cognitoidentity import responses as ci_responses
from moto.core.responses import ActionResult
from moto.cognitoidentity.exceptions import ResourceNotFoundError
from moto.cognitoidp import models as idp_models
from moto.iam import models as iam_models
import moto.server


# --- Patch 1: cognito-identity SetIdentityPoolRoles / GetIdentityPoolRoles --
#
# moto 5.2.1 has no handler for either call (HTTP 500 NotImplementedError),
# yet finding an identity pool's auth/unauth roles is the heart of an import.
# moto dispatches a JSON call by its X-Amz-Target action name: the
# CamelCase name is converted to snake_case and looked up among the *plain
# functions* of the responses class, so adding functions to the class is
# enough. Roles and RoleMappings live on the identity pool object, so they
# vanish with DeleteIdentityPool and with POST /moto-api/reset, as in AWS.


def _find_pool(backend, pool_id):
    pool = backend.identity_pools.get(pool_id)
    if pool is None:
        # JsonRESTError -> HTTP 400 with {"__type": "ResourceNotFoundException"}.
        raise ResourceNotFoundError(pool_id)
    return pool


def _set_identity_pool_roles(self):
    pool = _find_pool(self.backend, self._get_param("IdentityPoolId"))
    # AWS replaces both maps on every call: roles not sent are removed.
    pool.ampgo_roles = dict(self._get_param("Roles") or {})
    pool.ampgo_role_mappings = dict(self._get_param("RoleMappings") or {})
    return ""


def _get_identity_pool_roles(self):
    pool = _find_pool(self.backend, self._get_param("IdentityPoolId"))
    out = {
        "IdentityPoolId": pool.identity_pool_id,
        "Roles": getattr(pool, "ampgo_roles", {}),
    }
    mappings = getattr(pool, "ampgo_role_mappings", {})
    if mappings:
        out["RoleMappings"] = mappings
    return json.dumps(out)


ci_responses.CognitoIdentityResponse.set_identity_pool_roles = _set_identity_pool_roles
ci_responses.CognitoIdentityResponse.get_identity_pool_roles = _get_identity_pool_roles


# --- Patch 2: cache the RSA key import in cognito-idp ----------------------
#
# CognitoIdpUserPool.__init__ runs jwk.RSAKey.import_key(<bundled jwks>) for
# every pool. moto bundles ONE private key, so every pool gets an equal key,
# but joserfc validates the RSA key each time (~160 ms). We swap the module's
# `jwk` name for a shim whose RSAKey.import_key is memoized on the key's JSON;
# the cached key object is only read (jwt.encode), so sharing it is safe and
# tokens still verify against moto's jwks.json.


_RealJWK = idp_models.jwk


@functools.lru_cache(maxsize=8)
def _import_rsa_key(serialized):
    return _RealJWK.RSAKey.import_key(json.loads(serialized))


class _CachedRSAKey:
    @staticmethod
    def import_key(data, *args, **kwargs):
        if args or kwargs or not isinstance(data, dict):
            return _RealJWK.RSAKey.import_key(data, *args, **kwargs)
        return _import_rsa_key(json.dumps(data, sort_keys=True))


class _JWKShim:
    """Stands in for joserfc.jwk inside moto.cognitoidp.models only."""

    RSAKey = _CachedRSAKey

    def __getattr__(self, name):
        return getattr(_RealJWK, name)


idp_models.jwk = _JWKShim()


# --- Patch 3: CreateStack honours ClientRequestToken -------------------------
#
# In AWS a CreateStack retried with the same ClientRequestToken is the same
# request: CloudFormation answers with the stack it already started. moto
# 5.2.1 ignores the token, so a retry after a lost answer (the SDK retries
# with the token it first sent) fails with AlreadyExistsException. The token
# is kept on moto's Stack object, so it vanishes with the stack and with
# POST /moto-api/reset. Only a create with the same name and token matches.

_create_stack = cf_responses.CloudFormationResponse.create_stack


def _create_stack_idempotent(self):
    token = self._get_param("ClientRequestToken")
    name = self._get_param("StackName")
    if token:
        for stack in self.cloudformation_backend.stacks.values():
            if stack.name == name and getattr(stack, "ampgo_create_token", None) == token:
                return ActionResult({"StackId": stack.stack_id})
    result = _create_stack(self)
    if token:
        for stack in self.cloudformation_backend.stacks.values():
            if stack.name == name:
                stack.ampgo_create_token = token
    return result


cf_responses.CloudFormationResponse.create_stack = _create_stack_idempotent


# --- Patch 4: an account per access key id AMPGOTST<12 digits> ----------------
#
# The cmd/ampgo suite runs its tests in parallel on one moto and gives each
# test an AWS account of its own, so that a snapshot of "everything" (IAM
# is global) sees only that test's resources. moto finds a request's
# account by looking for its access key in every account's IAM backend of
# every partition, and the look-up creates the backends it has not seen:
# five per account, each loading ~1,500 AWS-managed policies (0.3-0.9 s
# apiece on the 2-core VM), on the next request of any caller. The patch
# takes the access key id AMPGOTST<12 digits> as a key of that account
# (moto reads only key ids of 20 capitals and digits from a signature; AWS
# key ids start with AKIA or ASIA) and, for any other key, looks only in the
# backends that exist: a key can only be in one of them, so the answer is
# the same. A new account then costs only its own IAM backend, created on
# its first request; the patch parses moto's managed-policy data once per
# process instead of once per backend, which halves that cost.

_DEFAULT_ACCOUNT_ID = iam_models.DEFAULT_ACCOUNT_ID


_ACCOUNT_KEY = re.compile(r"AMPGOTST([0-9]{12})")


def _account_of(access_key):
    m = _ACCOUNT_KEY.fullmatch(access_key)
    if m:
        return m.group(1)
    for account_id, account in list(iam_models.iam_backends.items()):
        for backend in list(account.values()):
            if access_key in backend.access_keys:
                return account_id
    return _DEFAULT_ACCOUNT_ID


iam_models.get_account_id_from = _account_of


@functools.lru_cache(maxsize=1)
def _managed_policies_data():
    return json.loads(iam_models.aws_managed_policies_data)


def _init_aws_policies(self):
    if not iam_models.load_iam_aws_managed_policies():
        return []
    return [
        iam_models.AWSManagedPolicy.from_data(name, self.account_id, self.region_name, d)
        for name, d in _managed_policies_data().items()
    ]


iam_models.IAMBackend._init_aws_policies = _init_aws_policies


# --- Patch 5: AWS::ApiGateway::RestApi/Resource/Method/Deployment, complete ---
#
# moto 5.2.1's CloudFormation handlers for these four types only create:
#   * none has an update or delete handler, so a stack update that changes
#     one stores None for it (later Refs resolve to nothing) and a stack
#     update or delete leaves the API, its resources, methods and
#     deployments behind;
#   * Method reads only HttpMethod, AuthorizationType (required, though AWS
#     defaults it to NONE), ApiKeyRequired and Integration's Type,
#     IntegrationHttpMethod and Uri: AuthorizerId, MethodResponses, request
#     templates and integration responses are dropped, and a MOCK
#     integration (no IntegrationHttpMethod, no Uri) fails with KeyError;
#   * Deployment has no physical_resource_id, so {"Ref": Deployment} gives
#     the Python object instead of the deployment id;
#   * RestApi stores EndpointConfiguration with CloudFormation's keys
#     ("Types"), which GetRestApi then returns where "types" belongs.
# The patch replaces the create handlers with ones that read every property
# through moto's own backend calls (put_method, put_integration,
# put_method_response, put_integration_response ...), and adds update
# (in place, or create-new-then-delete-old where AWS replaces) and delete
# handlers. Children (methods, resources) tolerate an API or resource that
# is already gone, because moto deletes a stack's resources in no
# dependency order and retries what fails. A deployment that a stage still
# points at cannot be deleted (AWS: BadRequestException "Active stages
# pointing to this deployment must be moved or deleted"; moto only checks
# the stage a deployment created itself), nor an authorizer a method still
# uses (AWS: BadRequestException).

from moto.apigateway import models as apigw_models
from moto.apigateway.exceptions import BadRequestException, StageStillActive
from moto.cloudformation import parsing as cf_parsing
from moto.core.common_models import CloudFormationModel


def _apigw(account_id, region_name):
    return apigw_models.apigateway_backends[account_id][region_name]


def _api_or_none(backend, api_id):
    return backend.apis.get(api_id)


def _lower_keys(d):
    # CloudFormation spells API Gateway's JSON keys with a capital first letter.
    return {k[:1].lower() + k[1:]: v for k, v in (d or {}).items()}


def _restapi_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    props = cloudformation_json["Properties"]
    config = props.get("EndpointConfiguration")
    api = _apigw(account_id, region_name).create_rest_api(
        name=props["Name"],
        description=props.get("Description", ""),
        endpoint_configuration=_lower_keys(config) if config else None,
    )
    return api


def _restapi_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # Name, Description and EndpointConfiguration update without
    # interruption in AWS: the API id (and every child) stays.
    props = cloudformation_json["Properties"]
    api = original_resource
    api.name = props["Name"]
    api.description = props.get("Description", "")
    config = props.get("EndpointConfiguration")
    if config:
        api.endpoint_configuration = _lower_keys(config)
    return api


def _restapi_delete(self, account_id, region_name):
    _apigw(account_id, region_name).apis.pop(self.id, None)


apigw_models.RestAPI.create_from_cloudformation_json = classmethod(_restapi_create)
apigw_models.RestAPI.update_from_cloudformation_json = classmethod(_restapi_update)
apigw_models.RestAPI.delete = _restapi_delete


def _resource_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    props = cloudformation_json["Properties"]
    res = _apigw(account_id, region_name).create_resource(
        function_id=props["RestApiId"], parent_resource_id=props["ParentId"], path_part=props["PathPart"]
    )
    res.ampgo_cfn_key = (props["RestApiId"], props["ParentId"], props["PathPart"])
    return res


def _resource_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # Every property of AWS::ApiGateway::Resource requires replacement.
    props = cloudformation_json["Properties"]
    if getattr(original_resource, "ampgo_cfn_key", None) == (props["RestApiId"], props["ParentId"], props["PathPart"]):
        return original_resource
    new = _resource_create(cls, new_resource_name, cloudformation_json, account_id, region_name)
    original_resource.delete(account_id, region_name)
    return new


def _resource_delete(self, account_id, region_name):
    # DeleteResource in AWS deletes the resource's children too; moto's
    # leaves them, and their paths then point at a missing parent.
    api = _api_or_none(_apigw(account_id, region_name), self.api_id)
    if api is None:
        return
    doomed = {self.id}
    grew = True
    while grew:
        grew = False
        for rid, r in api.resources.items():
            if rid not in doomed and r.parent_id in doomed:
                doomed.add(rid)
                grew = True
    for rid in doomed:
        api.resources.pop(rid, None)


apigw_models.Resource.create_from_cloudformation_json = classmethod(_resource_create)
apigw_models.Resource.update_from_cloudformation_json = classmethod(_resource_update)
apigw_models.Resource.delete = _resource_delete


def _method_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    props = cloudformation_json["Properties"]
    backend = _apigw(account_id, region_name)
    api_id, res_id, verb = props["RestApiId"], props["ResourceId"], props["HttpMethod"]
    method = backend.put_method(
        function_id=api_id,
        resource_id=res_id,
        method_type=verb,
        authorization_type=props.get("AuthorizationType", "NONE"),
        api_key_required=props.get("ApiKeyRequired"),
        request_parameters=props.get("RequestParameters"),
        request_models=props.get("RequestModels"),
        operation_name=props.get("OperationName"),
        authorizer_id=props.get("AuthorizerId"),
        authorization_scopes=props.get("AuthorizationScopes"),
        request_validator_id=props.get("RequestValidatorId"),
    )
    for mr in props.get("MethodResponses", []):
        backend.put_method_response(
            api_id, res_id, verb, str(mr["StatusCode"]), mr.get("ResponseModels"), mr.get("ResponseParameters")
        )
    integ = props.get("Integration")
    if integ:
        backend.put_integration(
            function_id=api_id,
            resource_id=res_id,
            method_type=verb,
            integration_type=integ["Type"],
            uri=integ.get("Uri"),
            integration_method=integ.get("IntegrationHttpMethod"),
            credentials=integ.get("Credentials"),
            request_templates=integ.get("RequestTemplates"),
            passthrough_behavior=integ.get("PassthroughBehavior"),
            cache_namespace=integ.get("CacheNamespace"),
            timeout_in_millis=integ.get("TimeoutInMillis"),
            request_parameters=integ.get("RequestParameters"),
            content_handling=integ.get("ContentHandling"),
            connection_type=integ.get("ConnectionType"),
        )
        for ir in integ.get("IntegrationResponses", []):
            backend.put_integration_response(
                api_id,
                res_id,
                verb,
                str(ir["StatusCode"]),
                ir.get("SelectionPattern"),
                ir.get("ResponseTemplates"),
                ir.get("ResponseParameters"),
                ir.get("ContentHandling"),
            )
    method.ampgo_cfn_key = (api_id, res_id, verb)
    return method


def _method_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # PutMethod on the same resource and verb replaces the method as a
    # whole; another RestApiId/ResourceId/HttpMethod is a new method, and
    # the old one goes.
    props = cloudformation_json["Properties"]
    new = _method_create(cls, new_resource_name, cloudformation_json, account_id, region_name)
    if getattr(original_resource, "ampgo_cfn_key", None) != (props["RestApiId"], props["ResourceId"], props["HttpMethod"]):
        original_resource.delete(account_id, region_name)
    return new


def _method_delete(self, account_id, region_name):
    key = getattr(self, "ampgo_cfn_key", None)
    if key is None:
        return
    api = _api_or_none(_apigw(account_id, region_name), key[0])
    res = api.resources.get(key[1]) if api is not None else None
    if res is not None and res.resource_methods.get(key[2]) is self:
        res.resource_methods.pop(key[2])


apigw_models.Method.create_from_cloudformation_json = classmethod(_method_create)
apigw_models.Method.update_from_cloudformation_json = classmethod(_method_update)
apigw_models.Method.delete = _method_delete


def _deployment_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    props = cloudformation_json["Properties"]
    dep = _apigw(account_id, region_name).create_deployment(
        function_id=props["RestApiId"], name=props.get("StageName"), description=props.get("Description", "")
    )
    dep.ampgo_rest_api_id = props["RestApiId"]
    return dep


def _deployment_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # Only RestApiId requires replacement; Description updates in place.
    props = cloudformation_json["Properties"]
    if getattr(original_resource, "ampgo_rest_api_id", None) != props["RestApiId"]:
        new = _deployment_create(cls, new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new
    original_resource.description = props.get("Description", "")
    return original_resource


def _deployment_delete(self, account_id, region_name):
    api = _api_or_none(_apigw(account_id, region_name), getattr(self, "ampgo_rest_api_id", None))
    if api is None or self.id not in api.deployments:
        return
    if any(st.deployment_id == self.id for st in api.stages.values()):
        raise StageStillActive()
    api.delete_deployment(self.id)


apigw_models.Deployment.create_from_cloudformation_json = classmethod(_deployment_create)
apigw_models.Deployment.update_from_cloudformation_json = classmethod(_deployment_update)
apigw_models.Deployment.delete = _deployment_delete
apigw_models.Deployment.physical_resource_id = property(lambda self: self.id)


# --- Patch 6: AWS::ApiGateway::Stage and AWS::ApiGateway::Authorizer ---------
#
# moto 5.2.1 has no CloudFormation type for either: the parser warns and
# skips them, so a Deployment without StageName is never reachable by a
# stage and a Method's {"Ref": Authorizer} resolves to nothing. moto finds a
# type's class in CloudFormationModel.__subclasses__() (cached by
# cloudformation.parsing.get_model_map), so defining the two subclasses
# below and clearing that cache registers them. They work through moto's
# backend calls (create_stage/update_stage/delete_stage,
# create_authorizer/delete_authorizer). Stage: Ref is the stage name;
# DeploymentId, Description and Variables update in place; a DeploymentId
# that is not a deployment of the API is refused (AWS: BadRequestException
# "Invalid deployment identifier specified"). Authorizer: Ref and GetAtt
# AuthorizerId are the authorizer id; properties update in place.


class AmpgoApiGatewayStage(CloudFormationModel):
    """The CloudFormation face of a moto API Gateway stage."""

    # moto's model metaclass files every model under its service, the
    # second part of the module name.
    __module__ = "moto.apigateway.ampgo_moto"

    def __init__(self, rest_api_id, stage_name):
        self.rest_api_id = rest_api_id
        self.stage_name = stage_name

    @staticmethod
    def cloudformation_name_type():
        return "StageName"

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::Stage"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @property
    def physical_resource_id(self):
        return self.stage_name

    @staticmethod
    def _check_deployment(backend, api_id, deployment_id):
        if deployment_id not in backend.get_rest_api(api_id).deployments:
            raise BadRequestException("Invalid deployment identifier specified")

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = _apigw(account_id, region_name)
        api_id = props["RestApiId"]
        cls._check_deployment(backend, api_id, props.get("DeploymentId"))
        backend.create_stage(
            api_id,
            resource_name,
            props.get("DeploymentId"),
            variables=props.get("Variables"),
            description=props.get("Description", ""),
            cacheClusterEnabled=props.get("CacheClusterEnabled"),
            cacheClusterSize=props.get("CacheClusterSize"),
            tags={t["Key"]: t["Value"] for t in props.get("Tags", [])} or None,
            tracing_enabled=props.get("TracingEnabled"),
        )
        return cls(api_id, resource_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        # Without StageName moto generates a new random name on every parse;
        # AWS keeps the one it generated.
        new_resource_name = props.get("StageName", original_resource.stage_name)
        if props["RestApiId"] != original_resource.rest_api_id or new_resource_name != original_resource.stage_name:
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        backend = _apigw(account_id, region_name)
        cls._check_deployment(backend, original_resource.rest_api_id, props.get("DeploymentId"))
        stage = backend.get_stage(original_resource.rest_api_id, original_resource.stage_name)
        stage.deployment_id = props.get("DeploymentId")
        stage.description = props.get("Description", "")
        stage.variables = props.get("Variables") or {}
        return original_resource

    def delete(self, account_id, region_name):
        api = _api_or_none(_apigw(account_id, region_name), self.rest_api_id)
        if api is not None:
            api.stages.pop(self.stage_name, None)


class AmpgoApiGatewayAuthorizer(CloudFormationModel):
    """The CloudFormation face of a moto API Gateway authorizer."""

    # moto's model metaclass files every model under its service, the
    # second part of the module name.
    __module__ = "moto.apigateway.ampgo_moto"

    def __init__(self, rest_api_id, authorizer_id):
        self.rest_api_id = rest_api_id
        self.authorizer_id = authorizer_id

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::Authorizer"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "AuthorizerId"

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name == "AuthorizerId":
            return self.authorizer_id
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self):
        return self.authorizer_id

    @staticmethod
    def _fields(props):
        ttl = props.get("AuthorizerResultTtlInSeconds")
        return dict(
            provider_arns=props.get("ProviderARNs"),
            auth_type=props.get("AuthType"),
            authorizer_uri=props.get("AuthorizerUri"),
            authorizer_credentials=props.get("AuthorizerCredentials"),
            identity_source=props.get("IdentitySource"),
            identiy_validation_expression=props.get("IdentityValidationExpression"),
            authorizer_result_ttl=int(ttl) if ttl is not None else 300,
        )

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        auth = _apigw(account_id, region_name).create_authorizer(
            props["RestApiId"], props["Name"], props["Type"], **cls._fields(props)
        )
        return cls(props["RestApiId"], auth.id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        if props["RestApiId"] != original_resource.rest_api_id:
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        auth = _apigw(account_id, region_name).get_authorizer(original_resource.rest_api_id, original_resource.authorizer_id)
        f = cls._fields(props)
        auth.name, auth.type = props["Name"], props["Type"]
        auth.provider_arns, auth.auth_type = f["provider_arns"], f["auth_type"]
        auth.authorizer_uri, auth.authorizer_credentials = f["authorizer_uri"], f["authorizer_credentials"]
        auth.identity_source = f["identity_source"]
        auth.identity_validation_expression = f["identiy_validation_expression"]
        auth.authorizer_result_ttl = f["authorizer_result_ttl"]
        return original_resource

    def delete(self, account_id, region_name):
        api = _api_or_none(_apigw(account_id, region_name), self.rest_api_id)
        if api is None or self.authorizer_id not in api.authorizers:
            return
        for res in api.resources.values():
            for verb, m in res.resource_methods.items():
                if m.authorizer_id == self.authorizer_id:
                    raise BadRequestException(
                        f"Cannot delete authorizer '{self.authorizer_id}', is referenced in method: {verb}:{res.get_path()}"
                    )
        del api.authorizers[self.authorizer_id]


cf_parsing.get_model_list.cache_clear()
cf_parsing.get_model_map.cache_clear()
cf_parsing.get_name_type_map.cache_clear()


# --- Patch 7: a stack update deletes removed resources last ------------------
#
# AWS updates a stack in two phases: it creates the added resources and
# updates (or replaces) the changed ones, then, in
# UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, deletes the removed ones. moto 5.2.1
# deletes first. With deletes first, a deployment that a stage points at
# is deleted before the stage moves to its successor, which AWS refuses
# (patch 5), and a removed method or resource vanishes before what replaces
# it exists. The patch runs moto's own steps in AWS's order; the removed
# resources' template JSON is read from the old template, as moto did.
# Patch 11 extends it: the order also follows Ref/GetAtt/Sub references; a
# resource that references a replaced one is updated too; the old object of
# a replaced resource goes in the cleanup (not in its update handler) when
# its class asks for that; Retain policies are honoured on removal and
# replacement.


def _cfn_refs(node, out):
    # Logical ids that a template value names through Ref, Fn::GetAtt or
    # Fn::Sub ("${X}", "${X.Attr}"); pseudo parameters and parameters are
    # filtered out by the caller.
    if isinstance(node, list):
        for v in node:
            _cfn_refs(v, out)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                out.add(v[0] if isinstance(v, list) else str(v).split(".")[0])
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) else v
                if isinstance(text, str):
                    out.update(m.split(".")[0] for m in re.findall(r"\$\{([^!}][^}]*)\}", text))
                if isinstance(v, list) and len(v) > 1:
                    _cfn_refs(v[1], out)
            else:
                _cfn_refs(v, out)
    return out


def _cfn_deps(resources, name):
    deps = _cfn_refs(resources[name].get("Properties", {}), set())
    depends = resources[name].get("DependsOn", [])
    deps.update([depends] if isinstance(depends, str) else depends)
    return {d for d in deps if d in resources and d != name}


def _cfn_order(resources):
    # Template order, each resource after what it DependsOn or references
    # (Ref, GetAtt, Sub), as AWS orders an update. A cycle (which AWS
    # refuses) is broken where it is found.
    order, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        for d in sorted(_cfn_deps(resources, name)):
            visit(d)
        order.append(name)

    for name in resources:
        visit(name)
    return order


def _physical_id(resource):
    return getattr(resource, "physical_resource_id", None)


_RETAIN = ("Retain", "RetainExceptOnCreate")


def _update_cleanup_last(self, template, parameters=None):
    by_action = self.build_resource_diff(template, parameters)
    old_json = self._resource_json_map

    self._template = template
    if parameters:
        self.input_parameters = parameters
    self.load_mapping()
    self.load_parameters()
    self.load_conditions()
    self._resource_json_map = template["Resources"]
    new_json = self._resource_json_map

    def retry(names, step):
        last = None
        for _ in range(cf_parsing.MAX_UPDATE_ATTEMPTS):
            for name in list(names):
                try:
                    step(name)
                except Exception as e:  # dependency order: try again next pass
                    last = e
                else:
                    names.remove(name)
            if not names:
                return
        raise last

    replaced = set()  # logical ids whose physical id changed (patch 11)
    superseded = []  # (logical id, old object) deleted at cleanup (patch 11)

    def modify(name):
        old = self._parsed_resources.get(name)
        changed = cf_parsing.parse_and_update_resource(
            name, self._resource_json_map[name], self,
            account_id=self._account_id, region_name=self._region_name,
        )
        self._parsed_resources[name] = changed
        if old is None or changed is old:
            return
        # A class that defers (patch 11) returns its original object when it
        # updates in place, so another object is a replacement even when the
        # physical id is a name that stays (an identity provider's).
        if getattr(old, "ampgo_defer_replaced_delete", False):
            superseded.append((name, old))
        if _physical_id(old) != _physical_id(changed):
            replaced.add(name)

    def remove(name):
        # AWS keeps a removed resource whose DeletionPolicy is Retain
        # (patch 11; moto honoured it only in DeleteStack).
        if name in self._parsed_resources:
            if old_json[name].get("DeletionPolicy") not in _RETAIN:
                self._delete_resource(self._parsed_resources[name], old_json[name])
            self._parsed_resources.pop(name, None)

    def drop_superseded(item):
        # The old physical resource of a replacement goes in the cleanup
        # phase, unless the template's UpdateReplacePolicy retains it.
        name, old = item
        if new_json.get(name, {}).get("UpdateReplacePolicy") not in _RETAIN:
            old.delete(self._account_id, self._region_name)

    # Added and changed resources in dependency order (DependsOn and
    # references), as AWS (and moto's own create) does: moto's update took
    # them in template order, so a Deployment added with its Methods could
    # come first ("The REST API doesn't contain any methods"); and a
    # resolver added on a field that the same update adds to the schema
    # must come after the schema's update (patch 9). A resource that
    # references one whose physical id changed (a replacement) is updated
    # too, as in AWS, even if its own template text did not change
    # (patch 11: the clients of a replaced user pool). A change that fails
    # here is retried below.
    added, modified = set(by_action["Add"]), by_action["Modify"]
    for logical_name in _cfn_order(new_json):
        if logical_name in added:
            _ = self[logical_name]
        elif logical_name in modified or _cfn_deps(new_json, logical_name) & replaced:
            try:
                modify(logical_name)
            except Exception:
                if logical_name not in modified:
                    modified.append(logical_name)
                continue
            if logical_name in modified:
                modified.remove(logical_name)

    retry(modified, modify)
    retry(by_action["Remove"], remove)
    retry(superseded, drop_superseded)


cf_parsing.ResourceMap.update = _update_cleanup_last


# --- Patch 8: AWS::ApiGateway::GatewayResponse --------------------------------
#
# moto 5.2.1 has the API calls (PutGatewayResponse, GetGatewayResponse,
# DeleteGatewayResponse) but no CloudFormation type: the parser skips the
# resource, and a stack whose Deployment DependsOn one fails with an empty
# 400. ampgo's REST APIs carry two (DEFAULT_4XX, DEFAULT_5XX with CORS
# headers, as the Amplify CLI's). The type works through moto's backend
# calls; Ref is "<api id>:<response type>"-like in AWS (an opaque id), here
# the response type; properties update in place. Not emulated: nothing in
# moto answers execute-api requests, so the headers are only stored.


class AmpgoApiGatewayResponse(CloudFormationModel):
    """The CloudFormation face of a moto API Gateway gateway response."""

    __module__ = "moto.apigateway.ampgo_moto"

    def __init__(self, rest_api_id, response_type):
        self.rest_api_id = rest_api_id
        self.response_type = response_type

    @staticmethod
    def cloudformation_name_type():
        return "ResponseType"

    @staticmethod
    def cloudformation_type():
        return "AWS::ApiGateway::GatewayResponse"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @property
    def physical_resource_id(self):
        return self.response_type

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        _apigw(account_id, region_name).put_gateway_response(
            props["RestApiId"], props["ResponseType"], props.get("StatusCode"),
            props.get("ResponseParameters") or {}, props.get("ResponseTemplates") or {},
        )
        return cls(props["RestApiId"], props["ResponseType"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        if props["RestApiId"] != original_resource.rest_api_id or props["ResponseType"] != original_resource.response_type:
            original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id, region_name):
        api = _api_or_none(_apigw(account_id, region_name), self.rest_api_id)
        if api is not None:
            api.delete_gateway_response(self.response_type)


cf_parsing.get_model_list.cache_clear()
cf_parsing.get_model_map.cache_clear()
cf_parsing.get_name_type_map.cache_clear()



# --- Patch 9: AppSync GraphQL APIs through CloudFormation ---------------------
#
# moto 5.2.1 has AppSync's API calls for GraphQL APIs, schemas and API keys
# but no AWS::AppSync::* CloudFormation type (the parser skips them), and no
# data sources or resolvers at all. ampgo's GraphQL stacks hold a
# GraphQLApi, its GraphQLSchema, an ApiKey, DataSources (AMAZON_DYNAMODB,
# NONE) and APPSYNC_JS unit Resolvers. The patch:
#   * adds the five types (CloudFormationModel subclasses, as in patch 6),
#     working on moto's GraphqlAPI objects through its backend;
#   * keeps data sources and resolvers on moto's GraphqlAPI object (so they
#     vanish with DeleteGraphqlApi and with POST /moto-api/reset) and answers
#     GetDataSource/ListDataSources and GetResolver/ListResolvers, so tests
#     read back what a stack deployed. moto routes a REST-JSON call by URL
#     (appsync/urls.py, read when the service's app is first built) and then
#     finds the operation from the method and path in botocore's model; the
#     handler is the responses-class function of its snake_case name;
#   * gives every API AWS-shaped endpoints: moto answered uris
#     {"GRAPHQL": "http://graphql.uri"} and no dns;
#   * checks a schema the way AppSync does at StartSchemaCreation (moto only
#     parsed it, so a schema naming an unknown type "succeeded" and
#     GetIntrospectionSchema then failed with HTTP 500), and declares the
#     AppSync scalar AWSDate and directive @aws_lambda, which moto's list of
#     AppSync additions lacks.
# Ref and GetAtt follow the CloudFormation reference: GraphQLApi Ref is the
# API's ARN (not its id: templates must use GetAtt ApiId), GetAtt ApiId, Arn,
# GraphQLUrl, GraphQLDns, RealtimeUrl, RealtimeDns, GraphQLEndpointArn;
# GraphQLSchema Ref "<api id>GraphQLSchema"; ApiKey Ref its ARN, GetAtt
# ApiKey, ApiKeyId, Arn; DataSource Ref its ARN, GetAtt DataSourceArn, Name;
# Resolver Ref its ARN, GetAtt ResolverArn, TypeName, FieldName.
# Checked like AppSync where cheap: the API of ApiId must exist (a Ref to
# the API gives its ARN and fails here, as in AWS); authentication types;
# a user pool config for AMAZON_COGNITO_USER_POOLS; data source names and
# types, DynamoDBConfig for AMAZON_DYNAMODB; a resolver's type and field
# must be in the API's schema (so a Resolver must DependsOn the
# GraphQLSchema, as in AWS) and its data source must exist; APPSYNC_JS
# needs Code and runtime version 1.0.0; an API key lives 1 to 365 days.
# The error messages are ours, not AppSync's.

import base64
import datetime as _dt

from moto.appsync import models as as_models
from moto.appsync import responses as as_responses
from moto.appsync import urls as as_urls
from moto.appsync.exceptions import AppSyncExceptions, BadRequestException as AsBadRequest, GraphqlAPINotFound
from moto.moto_api._internal import mock_random


class _AsNotFound(AppSyncExceptions):
    code = 404

    def __init__(self, message):
        super().__init__("NotFoundException", message)
        self.description = json.dumps({"message": self.message})


as_models.AWS_CUSTOM_GRAPHQL += """scalar AWSDate
directive @aws_lambda on FIELD_DEFINITION | OBJECT
"""

_as_parse = as_models.GraphqlSchema._parse_graphql_definition


def _as_parse_and_build(self):
    # AppSync builds the schema at StartSchemaCreation; unknown types and
    # directives fail it there (GetSchemaCreationStatus FAILED).
    _as_parse(self)
    if self.status != "SUCCESS":
        return
    from graphql import build_schema

    try:
        build_schema(self.definition + as_models.AWS_CUSTOM_GRAPHQL)
    except Exception as e:  # graphql-core raises TypeError or GraphQLError
        self.status = "FAILED"
        self.parse_error = str(e)


as_models.GraphqlSchema._parse_graphql_definition = _as_parse_and_build


def _as_dns(api):
    # AppSync's endpoint host is a 26-character id of its own, not the API id.
    dns = getattr(api, "ampgo_dns", None)
    if dns is None:
        dns = api.ampgo_dns = mock_random.get_random_string(length=26, lower_case=True)
    return dns


def _as_endpoints(api):
    dns = _as_dns(api)
    g = f"{dns}.appsync-api.{api.region}.amazonaws.com"
    r = f"{dns}.appsync-realtime-api.{api.region}.amazonaws.com"
    return {"GRAPHQL": f"https://{g}/graphql", "REALTIME": f"wss://{r}/graphql"}, {"GRAPHQL": g, "REALTIME": r}


_as_to_json = as_models.GraphqlAPI.to_json


def _as_api_to_json(self):
    out = _as_to_json(self)
    out["uris"], out["dns"] = _as_endpoints(self)
    return out


as_models.GraphqlAPI.to_json = _as_api_to_json


def _as_data_sources(api):
    if not hasattr(api, "ampgo_data_sources"):
        api.ampgo_data_sources = {}
    return api.ampgo_data_sources


def _as_resolvers(api):
    # (type name, field name) -> resolver JSON, in creation order.
    if not hasattr(api, "ampgo_resolvers"):
        api.ampgo_resolvers = {}
    return api.ampgo_resolvers


def _as_backend(account_id, region_name):
    return as_models.appsync_backends[account_id][region_name]


def _as_api(account_id, region_name, api_id):
    return _as_backend(account_id, region_name).get_graphql_api(api_id)


def _as_api_or_none(account_id, region_name, api_id):
    return _as_backend(account_id, region_name).graphql_apis.get(api_id)


def _as_path_parts(self):
    from urllib.parse import unquote

    return [unquote(p) for p in self.path.split("?")[0].split("/")]


def _as_get_data_source(self):
    # /v1/apis/{apiId}/datasources/{name}
    parts = _as_path_parts(self)
    api = self.appsync_backend.get_graphql_api(parts[3])
    ds = _as_data_sources(api).get(parts[5])
    if ds is None:
        raise _AsNotFound(f"Data source {parts[5]} not found.")
    return json.dumps({"dataSource": ds})


def _as_list_data_sources(self):
    parts = _as_path_parts(self)
    api = self.appsync_backend.get_graphql_api(parts[3])
    return json.dumps({"dataSources": list(_as_data_sources(api).values())})


def _as_get_resolver(self):
    # /v1/apis/{apiId}/types/{typeName}/resolvers/{fieldName}
    parts = _as_path_parts(self)
    api = self.appsync_backend.get_graphql_api(parts[3])
    res = _as_resolvers(api).get((parts[5], parts[7]))
    if res is None:
        raise _AsNotFound("No resolver found.")
    return json.dumps({"resolver": res})


def _as_list_resolvers(self):
    parts = _as_path_parts(self)
    api = self.appsync_backend.get_graphql_api(parts[3])
    return json.dumps({"resolvers": [r for (t, _), r in _as_resolvers(api).items() if t == parts[5]]})


as_responses.AppSyncResponse.get_data_source = _as_get_data_source
as_responses.AppSyncResponse.list_data_sources = _as_list_data_sources
as_responses.AppSyncResponse.get_resolver = _as_get_resolver
as_responses.AppSyncResponse.list_resolvers = _as_list_resolvers
as_urls.url_paths.update({
    "{0}/v1/apis/(?P<api_id>[^/]+)/datasources$": as_responses.AppSyncResponse.dispatch,
    "{0}/v1/apis/(?P<api_id>[^/]+)/datasources/(?P<ds_name>[^/]+)$": as_responses.AppSyncResponse.dispatch,
})


def _as_api_keys(d):
    # CloudFormation spells AppSync's JSON keys with a capital first letter;
    # DynamoDBConfig is the one whose API name differs ("dynamodbConfig").
    if isinstance(d, list):
        return [_as_api_keys(v) for v in d]
    if not isinstance(d, dict):
        return d
    out = {}
    for k, v in d.items():
        name = "dynamodbConfig" if k == "DynamoDBConfig" else k[:1].lower() + k[1:]
        out[name] = _as_api_keys(v)
    return out


_AS_AUTH_TYPES = {"API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"}


def _as_check_auth(auth_type, provider, where):
    if auth_type not in _AS_AUTH_TYPES:
        raise AsBadRequest(f"{where}: invalid authenticationType {auth_type!r}.")
    if auth_type == "AMAZON_COGNITO_USER_POOLS" and not (provider.get("UserPoolConfig") or {}).get("UserPoolId"):
        raise AsBadRequest(f"{where}: userPoolConfig with a userPoolId is required for AMAZON_COGNITO_USER_POOLS.")
    if auth_type == "OPENID_CONNECT" and not provider.get("OpenIDConnectConfig"):
        raise AsBadRequest(f"{where}: openIDConnectConfig is required for OPENID_CONNECT.")
    if auth_type == "AWS_LAMBDA" and not provider.get("LambdaAuthorizerConfig"):
        raise AsBadRequest(f"{where}: lambdaAuthorizerConfig is required for AWS_LAMBDA.")


def _as_api_fields(props):
    _as_check_auth(props.get("AuthenticationType"), props, "GraphQLApi")
    extra = props.get("AdditionalAuthenticationProviders") or []
    seen = {props["AuthenticationType"]} - {"AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"}
    for p in extra:
        _as_check_auth(p.get("AuthenticationType"), p, "GraphQLApi additional provider")
        if p["AuthenticationType"] in seen:
            raise AsBadRequest(f"GraphQLApi: authentication type {p['AuthenticationType']} is given twice.")
        seen.add(p["AuthenticationType"])
    return dict(
        name=props["Name"],
        authentication_type=props["AuthenticationType"],
        user_pool_config=_as_api_keys(props.get("UserPoolConfig")),
        open_id_connect_config=_as_api_keys(props.get("OpenIDConnectConfig")),
        lambda_authorizer_config=_as_api_keys(props.get("LambdaAuthorizerConfig")),
        log_config=_as_api_keys(props.get("LogConfig")),
        additional_authentication_providers=_as_api_keys(extra) or None,
        xray_enabled=bool(props.get("XrayEnabled", False)),
    )


def _as_arn(account_id, region_name, rest):
    from moto.utilities.utils import get_partition

    return f"arn:{get_partition(region_name)}:appsync:{region_name}:{account_id}:apis/{rest}"


class _AmpgoModel:
    """Shared parts of the AppSync types below (and, with one change, of the
    Cognito types of patch 11): GetAtt by ATTRS, no generated name. A mixin, not a model: moto
    finds types among CloudFormationModel's direct subclasses only."""

    ATTRS = {}

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.ATTRS

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name in self.ATTRS:
            return getattr(self, self.ATTRS[attribute_name])
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def cloudformation_name_type():
        return ""

    @classmethod
    def _replace_or_update(cls, original, new_name, cloudformation_json, account_id, region_name, same):
        if same:
            return cls._update_in_place(original, cloudformation_json["Properties"], account_id, region_name)
        new = cls.create_from_cloudformation_json(new_name, cloudformation_json, account_id, region_name)
        original.delete(account_id, region_name)
        return new


class AmpgoAppSyncGraphQLApi(_AmpgoModel, CloudFormationModel):
    """The CloudFormation face of a moto AppSync GraphQL API."""

    __module__ = "moto.appsync.ampgo_moto"

    ATTRS = {"ApiId": "api_id", "Arn": "arn", "GraphQLUrl": "graphql_url", "GraphQLDns": "graphql_dns",
             "RealtimeUrl": "realtime_url", "RealtimeDns": "realtime_dns", "GraphQLEndpointArn": "endpoint_arn"}

    def __init__(self, api):
        self.api_id, self.arn = api.api_id, api.arn
        uris, dns = _as_endpoints(api)
        self.graphql_url, self.realtime_url = uris["GRAPHQL"], uris["REALTIME"]
        self.graphql_dns, self.realtime_dns = dns["GRAPHQL"], dns["REALTIME"]
        # The ARN EventBridge targets: the endpoint's host id, not the API id.
        self.endpoint_arn = api.arn.rsplit(":", 1)[0] + ":endpoints/graphql-api/" + _as_dns(api)

    @staticmethod
    def cloudformation_type():
        return "AWS::AppSync::GraphQLApi"

    @property
    def physical_resource_id(self):
        return self.arn

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        tags = {t["Key"]: t["Value"] for t in props.get("Tags", [])}
        api = _as_backend(account_id, region_name).create_graphql_api(
            tags=tags, visibility=props.get("Visibility"), **_as_api_fields(props)
        )
        return cls(api)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # Every property but ApiType and Visibility updates without
        # interruption; moto's update_graphql_api keeps a value it is given
        # empty, so the fields are set here (a removed provider goes).
        props = cloudformation_json["Properties"]
        api = _as_api(account_id, region_name, original_resource.api_id)
        for k, v in _as_api_fields(props).items():
            setattr(api, k, v)
        return cls(api)

    def delete(self, account_id, region_name):
        _as_backend(account_id, region_name).graphql_apis.pop(self.api_id, None)


class AmpgoAppSyncGraphQLSchema(_AmpgoModel, CloudFormationModel):
    """The CloudFormation face of a moto AppSync schema (StartSchemaCreation)."""

    __module__ = "moto.appsync.ampgo_moto"

    ATTRS = {"Id": "schema_id"}

    def __init__(self, api_id):
        self.api_id = api_id
        self.schema_id = api_id + "GraphQLSchema"

    @staticmethod
    def cloudformation_type():
        return "AWS::AppSync::GraphQLSchema"

    @property
    def physical_resource_id(self):
        return self.schema_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        api = _as_api(account_id, region_name, props["ApiId"])
        if "Definition" not in props:
            raise AsBadRequest("GraphQLSchema: only Definition is supported here (not DefinitionS3Location).")
        api.start_schema_creation(base64.b64encode(props["Definition"].encode()).decode())
        status, details = api.get_schema_status()
        if status != "SUCCESS":
            raise AsBadRequest(f"Schema Creation Status is FAILED with details: {details}")
        return cls(api.api_id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id, region_name):
        api = _as_api_or_none(account_id, region_name, self.api_id)
        if api is not None:
            api.graphql_schema = None


class AmpgoAppSyncApiKey(_AmpgoModel, CloudFormationModel):
    """The CloudFormation face of a moto AppSync API key."""

    __module__ = "moto.appsync.ampgo_moto"

    ATTRS = {"ApiKey": "key_id", "ApiKeyId": "key_id", "Arn": "arn"}

    def __init__(self, account_id, region_name, api_id, key_id):
        self.api_id, self.key_id = api_id, key_id
        self.arn = _as_arn(account_id, region_name, f"{api_id}/apikeys/{key_id}")

    @staticmethod
    def cloudformation_type():
        return "AWS::AppSync::ApiKey"

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def _expires(props):
        if props.get("Expires") is None:
            return None
        expires = int(float(props["Expires"]))
        now = int(_dt.datetime.now(_dt.timezone.utc).timestamp())
        if expires < now + 86400 or expires > now + 365 * 86400:
            from moto.appsync.exceptions import ApiKeyValidityOutOfBoundsException

            raise ApiKeyValidityOutOfBoundsException("API key must be valid for a minimum of 1 days and a maximum of 365 days.")
        return expires

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        api = _as_api(account_id, region_name, props["ApiId"])
        key = api.create_api_key(props.get("Description"), cls._expires(props))
        return cls(account_id, region_name, api.api_id, key.key_id)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        key = _as_api(account_id, region_name, original.api_id).api_keys[original.key_id]
        key.description = props.get("Description")
        expires = cls._expires(props)
        if expires is not None:
            key.expires = expires
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        same = cloudformation_json["Properties"]["ApiId"] == original_resource.api_id
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        api = _as_api_or_none(account_id, region_name, self.api_id)
        if api is not None:
            api.api_keys.pop(self.key_id, None)


_AS_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
_AS_DS_TYPES = {"AWS_LAMBDA", "AMAZON_DYNAMODB", "AMAZON_ELASTICSEARCH", "AMAZON_OPENSEARCH_SERVICE", "NONE",
                "HTTP", "RELATIONAL_DATABASE", "AMAZON_EVENTBRIDGE", "AMAZON_BEDROCK_RUNTIME"}


class AmpgoAppSyncDataSource(_AmpgoModel, CloudFormationModel):
    """An AppSync data source, kept on moto's GraphqlAPI object."""

    __module__ = "moto.appsync.ampgo_moto"

    ATTRS = {"DataSourceArn": "arn", "Name": "name"}

    def __init__(self, api_id, name, arn):
        self.api_id, self.name, self.arn = api_id, name, arn

    @staticmethod
    def cloudformation_type():
        return "AWS::AppSync::DataSource"

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def _json(arn, props):
        name, kind = props["Name"], props.get("Type")
        if not _AS_NAME.fullmatch(name):
            raise AsBadRequest(f"DataSource: name {name!r} must match [_A-Za-z][_0-9A-Za-z]*.")
        if kind not in _AS_DS_TYPES:
            raise AsBadRequest(f"DataSource {name}: invalid type {kind!r}.")
        if kind == "AMAZON_DYNAMODB" and not (props.get("DynamoDBConfig") or {}).get("TableName"):
            raise AsBadRequest(f"DataSource {name}: dynamodbConfig with a tableName is required for AMAZON_DYNAMODB.")
        if kind == "AWS_LAMBDA" and not props.get("LambdaConfig"):
            raise AsBadRequest(f"DataSource {name}: lambdaConfig is required for AWS_LAMBDA.")
        out = {"dataSourceArn": arn, "name": name, "type": kind}
        for k in ("Description", "ServiceRoleArn", "DynamoDBConfig", "LambdaConfig", "HttpConfig", "EventBridgeConfig",
                  "OpenSearchServiceConfig", "RelationalDatabaseConfig", "MetricsConfig"):
            if props.get(k) is not None:
                out.update(_as_api_keys({k: props[k]}))
        return out

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        api = _as_api(account_id, region_name, props["ApiId"])
        sources = _as_data_sources(api)
        if props.get("Name") in sources:
            raise AsBadRequest(f"Data source with name {props['Name']} already exists.")
        arn = _as_arn(account_id, region_name, f"{api.api_id}/datasources/{props.get('Name')}")
        sources[props["Name"]] = cls._json(arn, props)
        return cls(api.api_id, props["Name"], arn)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        api = _as_api(account_id, region_name, original.api_id)
        _as_data_sources(api)[original.name] = cls._json(original.arn, props)
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # ApiId and Name require replacement.
        props = cloudformation_json["Properties"]
        same = (props["ApiId"], props["Name"]) == (original_resource.api_id, original_resource.name)
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        api = _as_api_or_none(account_id, region_name, self.api_id)
        if api is not None:
            _as_data_sources(api).pop(self.name, None)


class AmpgoAppSyncResolver(_AmpgoModel, CloudFormationModel):
    """An AppSync resolver, kept on moto's GraphqlAPI object; it never runs."""

    __module__ = "moto.appsync.ampgo_moto"

    ATTRS = {"ResolverArn": "arn", "TypeName": "type_name", "FieldName": "field_name"}

    def __init__(self, api_id, type_name, field_name, arn):
        self.api_id, self.type_name, self.field_name, self.arn = api_id, type_name, field_name, arn

    @staticmethod
    def cloudformation_type():
        return "AWS::AppSync::Resolver"

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def _json(api, arn, props):
        type_name, field_name = props["TypeName"], props["FieldName"]
        if api.graphql_schema is None or api.graphql_schema.status != "SUCCESS":
            raise _AsNotFound(f"Type {type_name} not found: the API has no schema.")
        node = next((t for t in api.graphql_schema.types if t.name.value == type_name), None)
        if node is None:
            raise _AsNotFound(f"Type {type_name} not found.")
        if not any(f.name.value == field_name for f in node.fields or []):
            raise AsBadRequest(f"No field named {field_name} found on type {type_name}.")
        kind = props.get("Kind", "UNIT")
        out = {"typeName": type_name, "fieldName": field_name, "resolverArn": arn, "kind": kind}
        if kind == "UNIT":
            ds = props.get("DataSourceName")
            if not ds or ds not in _as_data_sources(api):
                raise _AsNotFound(f"No data source found named {ds}.")
            out["dataSourceName"] = ds
        elif kind == "PIPELINE":
            out["pipelineConfig"] = _as_api_keys(props.get("PipelineConfig") or {"Functions": []})
        else:
            raise AsBadRequest(f"Resolver {type_name}.{field_name}: invalid kind {kind!r}.")
        runtime = props.get("Runtime")
        if runtime:
            if runtime.get("Name") != "APPSYNC_JS" or runtime.get("RuntimeVersion") != "1.0.0":
                raise AsBadRequest(f"Resolver {type_name}.{field_name}: the runtime must be APPSYNC_JS 1.0.0.")
            if not props.get("Code"):
                raise AsBadRequest(f"Resolver {type_name}.{field_name}: code is required for the APPSYNC_JS runtime.")
            out["runtime"], out["code"] = _as_api_keys(runtime), props["Code"]
        elif props.get("Code"):
            raise AsBadRequest(f"Resolver {type_name}.{field_name}: code needs the APPSYNC_JS runtime.")
        for k in ("RequestMappingTemplate", "ResponseMappingTemplate", "SyncConfig", "CachingConfig", "MaxBatchSize",
                  "MetricsConfig"):
            if props.get(k) is not None:
                out.update(_as_api_keys({k: props[k]}))
        return out

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        api = _as_api(account_id, region_name, props["ApiId"])
        key = (props.get("TypeName"), props.get("FieldName"))
        resolvers = _as_resolvers(api)
        if key in resolvers:
            raise AsBadRequest(f"Only one resolver is allowed per field: {key[0]}.{key[1]}.")
        arn = _as_arn(account_id, region_name, f"{api.api_id}/types/{key[0]}/resolvers/{key[1]}")
        resolvers[key] = cls._json(api, arn, props)
        return cls(api.api_id, key[0], key[1], arn)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        api = _as_api(account_id, region_name, original.api_id)
        _as_resolvers(api)[(original.type_name, original.field_name)] = cls._json(api, original.arn, props)
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # ApiId, TypeName and FieldName require replacement.
        props = cloudformation_json["Properties"]
        same = (props["ApiId"], props["TypeName"], props["FieldName"]) == (
            original_resource.api_id, original_resource.type_name, original_resource.field_name)
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        api = _as_api_or_none(account_id, region_name, self.api_id)
        if api is not None:
            _as_resolvers(api).pop((self.type_name, self.field_name), None)


def _as_cfn_errors(fn):
    # AWS puts a handler's error in the stack's events and rolls back; moto
    # fails the CreateStack/UpdateStack call with the exception. A JSON
    # AppSync error there gave an empty body to the XML CloudFormation
    # client, so it becomes a ValidationError worded like AWS's event.
    @functools.wraps(fn)
    def wrapped(cls, *args, **kwargs):
        try:
            return fn(cls, *args, **kwargs)
        except AppSyncExceptions as e:
            from moto.cloudformation.exceptions import ValidationError

            raise ValidationError(message=(
                f'{cls.cloudformation_type()}: Resource handler returned message: "{e.message}" '
                f"(Service: AppSync, Status Code: {e.code})"))
    return wrapped


for _cls in (AmpgoAppSyncGraphQLApi, AmpgoAppSyncGraphQLSchema, AmpgoAppSyncApiKey, AmpgoAppSyncDataSource,
             AmpgoAppSyncResolver):
    for _m in ("create_from_cloudformation_json", "update_from_cloudformation_json"):
        setattr(_cls, _m, classmethod(_as_cfn_errors(_cls.__dict__[_m].__func__)))

cf_parsing.get_model_list.cache_clear()
cf_parsing.get_model_map.cache_clear()
cf_parsing.get_name_type_map.cache_clear()



# --- Patch 10: AWS::DynamoDB::Table updates --------------------------------
#
# moto 5.2.1's Table type creates and deletes but has no update handler: a
# stack update that changes a table (ampgo adds or removes a GSI when an
# @index changes) stored None for it, and the table kept its old indexes.
# The patch updates in place through moto's update_table, as
# CloudFormation does: AttributeDefinitions, BillingMode,
# ProvisionedThroughput, DeletionProtectionEnabled, and GSIs added or
# removed by IndexName. As in AWS it fails an update that creates or
# deletes more than one GSI at once ("Cannot perform more than one GSI
# creation or deletion in a single update") and one that changes an
# existing GSI's KeySchema or Projection. A new KeySchema,
# LocalSecondaryIndexes or TableName replaces the table (create the new,
# then delete the old); a replacement that keeps a custom TableName fails,
# as in AWS ("CloudFormation cannot update a stack when a custom-named
# resource requires replacing"). Without TableName the generated name is
# kept (moto generated a new one on every parse). Not handled: stream,
# SSE, TTL and tag changes (kept as they were).

from moto.dynamodb import models as ddb_models
from moto.dynamodb.models.table import Table as _DdbTable
from moto.cloudformation.exceptions import ValidationError as CfnValidationError


def _ddb_gsi_shape(g):
    return (g["KeySchema"], g.get("Projection"))


def _table_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    props = cloudformation_json["Properties"]
    backend = ddb_models.dynamodb_backends[account_id][region_name]
    table = original_resource
    name = props.get("TableName", table.name)
    replace = (
        name != table.name
        or props.get("KeySchema") != table.schema
        or [(i["IndexName"], i["KeySchema"]) for i in props.get("LocalSecondaryIndexes", [])]
        != [(i.name, i.schema) for i in table.indexes]
    )
    if replace:
        if "TableName" in props and name == table.name:
            raise CfnValidationError(message=
                f"CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                f"Rename {name} and update the stack again."
            )
        new = _DdbTable.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        table.delete(account_id, region_name)
        return new

    old = {g.name: g for g in table.global_indexes}
    new_gsis = {g["IndexName"]: g for g in props.get("GlobalSecondaryIndexes", [])}
    updates = [{"Delete": {"IndexName": n}} for n in old if n not in new_gsis]
    updates += [{"Create": g} for n, g in new_gsis.items() if n not in old]
    for n, g in new_gsis.items():
        if n in old and _ddb_gsi_shape(g) != (old[n].schema, old[n].projection):
            raise CfnValidationError(message=
                f"Cannot update GSI's properties other than Provisioned Throughput and Contributor Insights "
                f"Specification. You can create a new GSI with a different name. (index {n})"
            )
    if len(updates) > 1:
        raise CfnValidationError(message="Cannot perform more than one GSI creation or deletion in a single update")
    billing = "PAY_PER_REQUEST" if props.get("BillingMode") == "PAY_PER_REQUEST" else "PROVISIONED"
    return backend.update_table(
        name=table.name,
        attr_definitions=props.get("AttributeDefinitions"),
        global_index=updates,
        throughput=props.get("ProvisionedThroughput"),
        billing_mode=billing,
        stream_spec=None,
        deletion_protection_enabled=bool(props.get("DeletionProtectionEnabled", False)),
        warm_throughput=None,
    )


_DdbTable.update_from_cloudformation_json = classmethod(_table_update)


# --- Patch 11: AWS::Cognito::* through moto's Cognito backends ----------------
#
# moto 5.2.1 has no CloudFormation model for any AWS::Cognito type: the
# parser skips them, a stack "succeeds" with nothing created, and outputs
# that reference them vanish. ampgo's managed auth (issue 14) deploys a user
# pool, a web and a native client, a domain, identity providers, an
# identity pool and its role attachment. Six CloudFormationModel subclasses
# (as in patch 6) create, update and delete them through moto's cognito-idp
# and cognito-identity backends, so the ordinary API calls read back what a
# stack made. Ref and GetAtt follow the CloudFormation reference:
#   UserPool                   Ref pool id; GetAtt Arn, ProviderName,
#                              ProviderURL, UserPoolId
#   UserPoolClient             Ref client id; GetAtt ClientId, ClientSecret
#                              ("" without a secret), Name
#   UserPoolDomain             Ref the domain; GetAtt CloudFrontDistribution
#   UserPoolIdentityProvider   Ref the provider name
#   IdentityPool               Ref identity pool id; GetAtt Id, Name
#   IdentityPoolRoleAttachment Ref the identity pool id; GetAtt Id
# Updates: in place where CloudFormation updates in place (the id is kept;
# the whole configuration is set again, as CloudFormation's handlers call
# UpdateUserPool/UpdateUserPoolClient with every field). Replacement (a new
# resource; the old one is deleted in the cleanup phase, patch 7, unless
# UpdateReplacePolicy is Retain) where the registry schema has
# createOnlyProperties: client UserPoolId/GenerateSecret, domain
# UserPoolId/Domain, provider UserPoolId/ProviderName/ProviderType, role
# attachment IdentityPoolId. A user pool is replaced when UsernameAttributes,
# AliasAttributes or UsernameConfiguration change: the older CloudFormation
# documentation's "Replacement" (see managed-auth-and-sources.md section 2;
# today's AWS rejects that update and the stack rolls back, so ampgo must
# refuse it before it reaches AWS, whatever moto does). A replaced pool's
# clients, domain and providers are replaced with it (patch 7 updates what
# references a replaced resource). A domain replacement that keeps its
# Domain fails ("custom-named resource requires replacing"), because the old
# domain still holds the name until the cleanup.
# Checked as Cognito does, where cheap (messages are ours unless quoted):
# MFA ON/OPTIONAL needs a method; SMS_MFA needs SmsConfiguration; a
# schema attribute cannot be changed or removed on update; a client's
# SupportedIdentityProviders must exist in the pool (so a client DependsOn
# its UserPoolIdentityProvider, as in AWS); a domain prefix is unique and
# has no "aws", "amazon" or "cognito"; a pool has one domain; a provider
# name is unique in its pool; role attachment keys are authenticated and
# unauthenticated. A handler error becomes a CloudFormation ValidationError
# worded like AWS's stack event, as in patch 9.
# Not emulated: DeletionProtection ACTIVE is stored but a stack deletion
# still deletes the pool (moto deletes protected pools; AWS fails
# DELETE); no LambdaConfig triggers run; UserPoolGroup, UserPoolUser,
# ResourceServer, RiskConfiguration, UICustomization, LogDeliveryConfiguration
# and ManagedLoginBranding are still skipped; the identity pool's clients
# and the role ARNs are not checked to exist; AllowClassicFlow,
# CognitoStreams, PushSync and CognitoEvents are ignored.

from moto.cognitoidentity import models as ci_models
from moto.cognitoidp.exceptions import InvalidParameterException as IdpInvalidParameter
from moto.core.exceptions import JsonRESTError


def _idp(account_id, region_name):
    return idp_models.cognitoidp_backends[account_id][region_name]


def _ci(account_id, region_name):
    return ci_models.cognitoidentity_backends[account_id][region_name]


def _truthy(v):
    # Booleans that went through a parameter or Fn::If arrive as strings.
    return v.lower() == "true" if isinstance(v, str) else bool(v)


def _intish(v):
    return int(v) if isinstance(v, str) and v.strip().lstrip("-").isdigit() else v


def _norm(d, bools=(), ints=()):
    out = dict(d or {})
    for k in bools:
        if k in out:
            out[k] = _truthy(out[k])
    for k in ints:
        if k in out:
            out[k] = _intish(out[k])
    return out


def _cognito_cfn_errors(service):
    # AWS reports a handler's failure as a stack event; moto fails the
    # CreateStack/UpdateStack call itself. A JSON Cognito error there would
    # reach the XML CloudFormation client as an empty body.
    def wrap(fn):
        @functools.wraps(fn)
        def wrapped(cls, *args, **kwargs):
            try:
                return fn(cls, *args, **kwargs)
            except JsonRESTError as e:
                raise CfnValidationError(message=(
                    f'{cls.cloudformation_type()}: Resource handler returned message: "{e.message}" '
                    f"(Service: {service}, Status Code: {e.code}, Error: {e.error_type})"))
        return wrapped
    return wrap


class _AmpgoCognitoModel(_AmpgoModel):
    """Shared parts of the Cognito types: _AmpgoModel's, with the old object of a replacement
    deleted later. A mixin, not a model: moto finds types among
    CloudFormationModel's direct subclasses only."""

    # Patch 7 deletes the old object of a replacement in the cleanup phase.
    ampgo_defer_replaced_delete = True

    @classmethod
    def _replace_or_update(cls, original, new_name, cloudformation_json, account_id, region_name, same):
        if same:
            return cls._update_in_place(original, cloudformation_json["Properties"], account_id, region_name)
        return cls.create_from_cloudformation_json(new_name, cloudformation_json, account_id, region_name)


_POOL_NAMES = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")
_POOL_NOT_CONFIG = {"UserPoolName", "EnabledMfas", "Schema"}


def _pool_config(props):
    cfg = {k: v for k, v in props.items() if k not in _POOL_NOT_CONFIG}
    policies = cfg.get("Policies")
    if policies and "PasswordPolicy" in policies:
        cfg["Policies"] = dict(policies, PasswordPolicy=_norm(
            policies["PasswordPolicy"],
            bools=("RequireLowercase", "RequireNumbers", "RequireSymbols", "RequireUppercase"),
            ints=("MinimumLength", "TemporaryPasswordValidityDays", "PasswordHistorySize")))
    return cfg


def _schema(props):
    return [_norm(a, bools=("Mutable", "Required", "DeveloperOnlyAttribute")) for a in props.get("Schema") or []]


def _mfa(props):
    mode = props.get("MfaConfiguration") or "OFF"
    enabled = props.get("EnabledMfas")
    if enabled is None:
        # Without EnabledMfas, Cognito's default second factor is SMS.
        enabled = ["SMS_MFA"] if props.get("SmsConfiguration") else []
    if mode not in ("OFF", "ON", "OPTIONAL"):
        raise IdpInvalidParameter(f"MfaConfiguration {mode!r} must be OFF, ON or OPTIONAL.")
    if mode == "OFF":
        return mode, None, None
    if not enabled:
        raise IdpInvalidParameter("MFA ON or OPTIONAL needs EnabledMfas (SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP).")
    sms = None
    if "SMS_MFA" in enabled:
        if not props.get("SmsConfiguration"):
            raise IdpInvalidParameter("SMS configuration is required to enable SMS_MFA.")
        sms = {"SmsConfiguration": props["SmsConfiguration"]}
        if props.get("SmsAuthenticationMessage"):
            sms["SmsAuthenticationMessage"] = props["SmsAuthenticationMessage"]
    token = {"Enabled": True} if "SOFTWARE_TOKEN_MFA" in enabled else None
    return mode, sms, token


def _names_of(props):
    return tuple(props.get(k) or None for k in _POOL_NAMES)


class AmpgoCognitoUserPool(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of a moto Cognito user pool."""

    __module__ = "moto.cognitoidp.ampgo_moto"

    ATTRS = {"Arn": "arn", "ProviderName": "provider_name", "ProviderURL": "provider_url", "UserPoolId": "pool_id"}

    def __init__(self, pool, props):
        self.pool_id, self.arn = pool.id, pool.arn
        self.provider_name = f"cognito-idp.{pool.region}.amazonaws.com/{pool.id}"
        self.provider_url = "https://" + self.provider_name
        self.props = props

    @staticmethod
    def cloudformation_name_type():
        return "UserPoolName"

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPool"

    @property
    def physical_resource_id(self):
        return self.pool_id

    @staticmethod
    def _set_mfa(pool, props):
        mode, sms, token = _mfa(props)
        # DescribeUserPool reports the create-time value over the stored one
        # (docs/testing.md), so both are set.
        pool.mfa_config = pool.extended_config["MfaConfiguration"] = mode
        pool.sms_mfa_config, pool.token_mfa_config = sms, token

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        _mfa(props)  # refuse before creating
        cfg = _pool_config(props)
        cfg["Schema"] = _schema(props)
        if not cfg["Schema"]:
            del cfg["Schema"]
        pool = _idp(account_id, region_name).create_user_pool(props.get("UserPoolName", resource_name), cfg)
        cls._set_mfa(pool, props)
        return cls(pool, props)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        pool = _idp(account_id, region_name).describe_user_pool(original.pool_id)
        old = {a["Name"]: a for a in _schema(original.props)}
        new = {a["Name"]: a for a in _schema(props)}
        for name, attr in old.items():
            if new.get(name) != attr:
                raise IdpInvalidParameter(f"Existing schema attributes cannot be modified or deleted: {name}.")
        _mfa(props)
        added = [a for n, a in new.items() if n not in old]
        custom = [a for a in added if a["Name"] not in idp_models.CognitoIdpUserPoolAttribute.STANDARD_SCHEMA]
        if custom:
            pool.add_custom_attributes(custom)
        for a in added:
            if a not in custom:
                pool.schema_attributes[a["Name"]] = idp_models.CognitoIdpUserPoolAttribute(a["Name"], False, a)
        if props.get("UserPoolName"):
            pool.name = props["UserPoolName"]
        pool.update_extended_config(_pool_config(props))
        cls._set_mfa(pool, props)
        pool.last_modified_date = idp_models.utcnow()
        original.props = props
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        # Without UserPoolName moto generates a new name on every parse.
        name = props.get("UserPoolName") or _idp(account_id, region_name).describe_user_pool(original_resource.pool_id).name
        props.setdefault("UserPoolName", name)
        same = _names_of(props) == _names_of(original_resource.props)
        return cls._replace_or_update(original_resource, name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        backend = _idp(account_id, region_name)
        if backend.user_pools.pop(self.pool_id, None) is not None:
            # moto's DeleteUserPool leaves the pool's domains behind.
            for domain, d in list(backend.user_pool_domains.items()):
                if d.user_pool_id == self.pool_id:
                    del backend.user_pool_domains[domain]


_CLIENT_DEFAULTS = {
    # moto's CognitoIdpUserPoolClient defaults.
    "AllowedOAuthFlowsUserPoolClient": False,
    "AuthSessionValidity": 3,
    "EnablePropagateAdditionalUserContextData": False,
    "EnableTokenRevocation": True,
    "RefreshTokenValidity": 30,
}


def _client_config(pool, props):
    cfg = _norm({k: v for k, v in props.items() if k not in ("UserPoolId", "GenerateSecret")},
                bools=("AllowedOAuthFlowsUserPoolClient", "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData"),
                ints=("RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "AuthSessionValidity"))
    for p in cfg.get("SupportedIdentityProviders") or []:
        if p != "COGNITO" and p not in pool.identity_providers:
            raise IdpInvalidParameter(f"The provider {p} does not exist for User Pool {pool.id}")
    return dict(_CLIENT_DEFAULTS, **cfg)


class AmpgoCognitoUserPoolClient(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of a moto Cognito app client."""

    __module__ = "moto.cognitoidp.ampgo_moto"

    ATTRS = {"ClientId": "client_id", "ClientSecret": "client_secret", "Name": "name"}

    def __init__(self, client):
        self.pool_id, self.client_id = client.user_pool_id, client.id
        self.generate_secret = client.generate_secret
        self.client_secret = client.secret if client.generate_secret else ""
        self.name = client.extended_config.get("ClientName")

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPoolClient"

    @property
    def physical_resource_id(self):
        return self.client_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = _idp(account_id, region_name)
        pool = backend.describe_user_pool(props["UserPoolId"])
        # Without ClientName CloudFormation names the client itself.
        cfg = _client_config(pool, dict({"ClientName": resource_name}, **props))
        client = backend.create_user_pool_client(pool.id, _truthy(props.get("GenerateSecret", False)), cfg)
        client.extended_config = cfg
        return cls(client)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        pool = _idp(account_id, region_name).describe_user_pool(original.pool_id)
        client = pool.clients[original.client_id]
        client.extended_config = _client_config(pool, dict({"ClientName": original.name}, **props))
        original.name = client.extended_config.get("ClientName")
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        same = (props["UserPoolId"], _truthy(props.get("GenerateSecret", False))) == (
            original_resource.pool_id, original_resource.generate_secret)
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        pool = _idp(account_id, region_name).user_pools.get(self.pool_id)
        if pool is not None:
            pool.clients.pop(self.client_id, None)


_RESERVED_DOMAIN = re.compile(r"aws|amazon|cognito")


class AmpgoCognitoUserPoolDomain(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of a moto Cognito user pool domain."""

    __module__ = "moto.cognitoidp.ampgo_moto"

    ATTRS = {"CloudFrontDistribution": "distribution"}

    def __init__(self, d):
        self.pool_id, self.domain = d.user_pool_id, d.domain
        self.distribution = d._distribution_name()

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPoolDomain"

    @property
    def physical_resource_id(self):
        return self.domain

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = _idp(account_id, region_name)
        pool = backend.describe_user_pool(props["UserPoolId"])
        domain, custom = props["Domain"], props.get("CustomDomainConfig")
        if not custom and (not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", domain) or _RESERVED_DOMAIN.search(domain)):
            raise IdpInvalidParameter(f"Domain {domain!r}: a prefix is lower-case letters, digits and hyphens, "
                                      "without aws, amazon or cognito.")
        if domain in backend.user_pool_domains:
            raise IdpInvalidParameter("Domain already associated with another user pool.")
        if pool.domain is not None and not custom:
            raise IdpInvalidParameter(f"User pool {pool.id} already has a domain configured.")
        return cls(backend.create_user_pool_domain(pool.id, domain, custom))

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        d = _idp(account_id, region_name).user_pool_domains[original.domain]
        d.custom_domain_config = props.get("CustomDomainConfig") or {}
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        same = (props["UserPoolId"], props["Domain"]) == (original_resource.pool_id, original_resource.domain)
        if not same and props["Domain"] == original_resource.domain:
            raise CfnValidationError(message=(
                "CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                f"Rename {props['Domain']} and update the stack again."))
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        backend = _idp(account_id, region_name)
        d = backend.user_pool_domains.get(self.domain)
        if d is not None and d.user_pool_id == self.pool_id:
            del backend.user_pool_domains[self.domain]


_PROVIDER_TYPES = {"SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC"}


def _provider_config(props):
    if props.get("ProviderType") not in _PROVIDER_TYPES:
        raise IdpInvalidParameter(f"ProviderType {props.get('ProviderType')!r} is not one of {sorted(_PROVIDER_TYPES)}.")
    cfg = {"ProviderType": props["ProviderType"], "ProviderDetails": dict(props.get("ProviderDetails") or {})}
    if props.get("AttributeMapping"):
        cfg["AttributeMapping"] = dict(props["AttributeMapping"])
    if props.get("IdpIdentifiers"):
        cfg["IdpIdentifiers"] = list(props["IdpIdentifiers"])
    return cfg


class AmpgoCognitoUserPoolIdentityProvider(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of a moto Cognito identity provider."""

    __module__ = "moto.cognitoidp.ampgo_moto"

    def __init__(self, pool_id, name, kind):
        self.pool_id, self.name, self.kind = pool_id, name, kind

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::UserPoolIdentityProvider"

    @property
    def physical_resource_id(self):
        return self.name

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = _idp(account_id, region_name)
        pool = backend.describe_user_pool(props["UserPoolId"])
        name = props["ProviderName"]
        if name in pool.identity_providers:
            raise IdpInvalidParameter(f"A provider with the name {name} already exists in this user pool.")
        backend.create_identity_provider(pool.id, name, _provider_config(props))
        return cls(pool.id, name, props["ProviderType"])

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        pool = _idp(account_id, region_name).describe_user_pool(original.pool_id)
        provider = pool.identity_providers[original.name]
        provider.extended_config = _provider_config(props)
        provider.extended_config.setdefault("AttributeMapping", {"username": "sub"})
        provider.last_modified_date = idp_models.utcnow()
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json["Properties"]
        same = (props["UserPoolId"], props["ProviderName"], props.get("ProviderType")) == (
            original_resource.pool_id, original_resource.name, original_resource.kind)
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        pool = _idp(account_id, region_name).user_pools.get(self.pool_id)
        if pool is not None:
            pool.identity_providers.pop(self.name, None)


def _identity_fields(props):
    return dict(
        allow_unauthenticated_identities=_truthy(props.get("AllowUnauthenticatedIdentities", False)),
        supported_login_providers=dict(props.get("SupportedLoginProviders") or {}),
        developer_provider_name=props.get("DeveloperProviderName", ""),
        open_id_connect_provider_arns=list(props.get("OpenIdConnectProviderARNs") or []),
        cognito_identity_providers=[_norm(p, bools=("ServerSideTokenCheck",)) for p in props.get("CognitoIdentityProviders") or []],
        saml_provider_arns=list(props.get("SamlProviderARNs") or []),
        tags={t["Key"]: t["Value"] for t in props.get("IdentityPoolTags") or []},
    )


class AmpgoCognitoIdentityPool(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of a moto Cognito identity pool."""

    __module__ = "moto.cognitoidentity.ampgo_moto"

    ATTRS = {"Id": "pool_id", "Name": "name"}

    def __init__(self, pool_id, name):
        self.pool_id, self.name = pool_id, name

    @staticmethod
    def cloudformation_name_type():
        return "IdentityPoolName"

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::IdentityPool"

    @property
    def physical_resource_id(self):
        return self.pool_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        name = props.get("IdentityPoolName") or resource_name
        out = json.loads(_ci(account_id, region_name).create_identity_pool(name, **_identity_fields(props)))
        return cls(out["IdentityPoolId"], name)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        # Every property updates in place; moto's UpdateIdentityPool never
        # renames, so the fields are set here.
        pool = _find_pool(_ci(account_id, region_name), original.pool_id)
        for k, v in _identity_fields(props).items():
            setattr(pool, k, v)
        if props.get("IdentityPoolName"):
            pool.identity_pool_name = original.name = props["IdentityPoolName"]
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, True)

    def delete(self, account_id, region_name):
        backend = _ci(account_id, region_name)
        backend.identity_pools.pop(self.pool_id, None)
        backend.pools_identities.pop(self.pool_id, None)


def _role_mappings(mappings):
    # CloudFormation keys RoleMappings by any name and puts the provider in
    # IdentityProvider; the API keys the map by the provider.
    out = {}
    for key, m in (mappings or {}).items():
        m = dict(m)
        provider = m.pop("IdentityProvider", key)
        out[provider] = m
    return out


class AmpgoCognitoIdentityPoolRoleAttachment(_AmpgoCognitoModel, CloudFormationModel):
    """The CloudFormation face of SetIdentityPoolRoles (patch 1's storage)."""

    __module__ = "moto.cognitoidentity.ampgo_moto"

    ATTRS = {"Id": "pool_id"}

    def __init__(self, pool_id):
        self.pool_id = pool_id

    @staticmethod
    def cloudformation_type():
        return "AWS::Cognito::IdentityPoolRoleAttachment"

    @property
    def physical_resource_id(self):
        return self.pool_id

    @staticmethod
    def _set(pool, props):
        roles = dict(props.get("Roles") or {})
        for k in roles:
            if k not in ("authenticated", "unauthenticated"):
                raise JsonRESTError("InvalidParameterException", f"Roles: unknown key {k!r} (authenticated, unauthenticated).")
        pool.ampgo_roles = roles
        pool.ampgo_role_mappings = _role_mappings(props.get("RoleMappings"))

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        pool = _find_pool(_ci(account_id, region_name), props["IdentityPoolId"])
        cls._set(pool, props)
        return cls(pool.identity_pool_id)

    @classmethod
    def _update_in_place(cls, original, props, account_id, region_name):
        cls._set(_find_pool(_ci(account_id, region_name), original.pool_id), props)
        return original

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        same = cloudformation_json["Properties"]["IdentityPoolId"] == original_resource.pool_id
        return cls._replace_or_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name, same)

    def delete(self, account_id, region_name):
        pool = _ci(account_id, region_name).identity_pools.get(self.pool_id)
        if pool is not None:
            pool.ampgo_roles, pool.ampgo_role_mappings = {}, {}


for _cls, _service in ((AmpgoCognitoUserPool, "CognitoIdentityProvider"), (AmpgoCognitoUserPoolClient, "CognitoIdentityProvider"),
                       (AmpgoCognitoUserPoolDomain, "CognitoIdentityProvider"),
                       (AmpgoCognitoUserPoolIdentityProvider, "CognitoIdentityProvider"),
                       (AmpgoCognitoIdentityPool, "CognitoIdentity"), (AmpgoCognitoIdentityPoolRoleAttachment, "CognitoIdentity")):
    for _m in ("create_from_cloudformation_json", "update_from_cloudformation_json"):
        setattr(_cls, _m, classmethod(_cognito_cfn_errors(_service)(_cls.__dict__[_m].__func__)))

cf_parsing.get_model_list.cache_clear()
cf_parsing.get_model_map.cache_clear()
cf_parsing.get_name_type_map.cache_clear()


# --- Patch 12: names CloudFormation generates for IAM roles stay within 64 --
#
# moto 5.2.1 names an unnamed AWS::IAM::Role "<stack>-<logical id>-<12
# random>" at any length; IAM allows 64 characters, and CloudFormation
# shortens the stack name and logical id parts so the name fits (CDK roles
# such as "MyLongStackName-MyFunctionServiceRoleC12-AbCdEfGhIjKl" show it).
# With moto's names a role of a stack named like "amplify-<project>-<env>-auth"
# could exceed 64 characters, which AWS never returns and IAM ARN checks
# rightly refuse. Other types keep moto's names.
_generate_resource_name = cf_parsing.generate_resource_name


def _generate_resource_name_capped(resource_type, stack_name, logical_id):
    name = _generate_resource_name(resource_type, stack_name, logical_id)
    if resource_type != "AWS::IAM::Role" or len(name) <= 64:
        return name
    suffix = name.rsplit("-", 1)[1]
    prefix = f"{stack_name}-{logical_id}"[: 64 - len(suffix) - 1].rstrip("-")
    return f"{prefix}-{suffix}"


cf_parsing.generate_resource_name = _generate_resource_name_capped


if __name__ == "__main__":
    moto.server.main(sys.argv[1:])
