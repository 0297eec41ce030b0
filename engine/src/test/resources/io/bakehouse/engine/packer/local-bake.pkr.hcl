# A local-mode template for the engine's tests: bakes an AMI in a local EC2 emulator (moto),
# with no instance access (communicator "none"), and follows the bake key contract: it
# declares bake_key and tags the AMI with it.

variable "ec2_endpoint" {
  type        = string
  description = "The emulator's EC2 endpoint (loopback)."
}

variable "ami_name" {
  type    = string
  default = "bakehouse-test"
}

variable "unique_name" {
  type        = bool
  default     = true
  description = "Append a random suffix to ami_name, so every build has its own name."
}

variable "ami_regions" {
  type    = list(string)
  default = []
}

variable "bake_key" {
  type        = string
  default     = ""
  description = "Set by Bakehouse; tagged on the AMI as BakeKey."
}

variable "app_binary" {
  type    = string
  default = ""
}

variable "db_password" {
  type      = string
  default   = "unset"
  sensitive = true
}

variable "slow_endpoint" {
  type        = string
  default     = ""
  description = "When set, EC2 calls go here instead (a slow proxy, for abort tests)."
}

locals {
  ami_name = var.unique_name ? "${var.ami_name}-${substr(uuidv4(), 0, 8)}" : var.ami_name
}

source "amazon-ebs" "app" {
  region                     = "us-east-1"
  ami_regions                = var.ami_regions
  instance_type              = "t3.micro"
  ami_name                   = local.ami_name
  ami_description            = "test bake (password length ${length(var.db_password)})"
  custom_endpoint_ec2        = var.slow_endpoint != "" ? var.slow_endpoint : var.ec2_endpoint
  skip_credential_validation = true
  skip_metadata_api_check    = true
  skip_region_validation     = true
  communicator               = "none"

  source_ami_filter {
    filters = {
      name = "al2023-ami-2023.*-x86_64"
    }
    owners      = ["amazon"]
    most_recent = true
  }

  tags = {
    Name    = local.ami_name
    BakeKey = var.bake_key
    Purpose = "bakehouse-test"
    # Proves a sensitive value reached Packer without showing it.
    PasswordLength = "${length(var.db_password)}"
  }
}

build {
  sources = ["source.amazon-ebs.app"]

  post-processor "manifest" {
    output = "test-manifest.json"
  }
}
