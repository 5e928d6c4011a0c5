"""Settings for a developer's machine: debug on, everything local."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", default=True)
