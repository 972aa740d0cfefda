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


if __name__ == "__main__":
    moto.server.main(sys.argv[1:])
