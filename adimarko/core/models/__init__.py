from adimarko.core.models.businesses import Business, BusinessInvitation, BusinessMembership, Certification
from adimarko.core.models.regions import Region
from adimarko.core.models.users import User

__all__ = ["Business", "BusinessInvitation", "BusinessMembership", "Certification", "Region", "User"]
