"""The site's roles, kept as Django groups so officials can manage membership in the admin.

"Tổ công nghệ số cộng đồng" are the community digital-technology teams that help
farming households get online and may act on their behalf.
"""

OFFICIALS = "Cán bộ quản lý"
FARMERS = "Nông dân"
DIGITAL_TEAM = "Tổ công nghệ số cộng đồng"

ALL_ROLES = (OFFICIALS, FARMERS, DIGITAL_TEAM)
# Only officials work in the Wagtail admin; farmers and digital teams use the front-end portal.
ADMIN_ROLES = (OFFICIALS,)
