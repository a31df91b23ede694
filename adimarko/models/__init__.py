from adimarko.models.businesses import Business, BusinessInvitation, BusinessMembership, Certification
from adimarko.models.regions import Region
from adimarko.models.users import User

__all__ = ["Business", "BusinessInvitation", "BusinessMembership", "Certification", "Region", "User"]
