# Read by Packer 1.9 and later only, which load the whole directory and install the
# Amazon plugin with `packer init`. Packer 1.6.x does not know `required_plugins`; it
# builds bakehouse-app.pkr.hcl on its own, with its built-in amazon-ebs builder.
# See README.md, "Packer versions".
packer {
  required_version = ">= 1.9.0"
  required_plugins {
    amazon = {
      version = ">= 1.2.8, < 2.0.0"
      source  = "github.com/hashicorp/amazon"
    }
  }
}
