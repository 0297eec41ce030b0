# Bakes the Bakehouse web app into an Amazon Linux 2023 AMI.
#
# Two builds share one source; pick exactly one with -only:
#   -only='aws.*'    the real bake: boots an instance, installs the app as a systemd
#                    service over SSH, checks /health, creates the AMI.
#   -only='local.*'  the same AMI request against a local EC2 emulator (moto), with
#                    no instance access, so nothing is provisioned.
# Packer 1.6.x builds this file on its own; Packer 1.9+ builds the directory, which
# adds plugins.pkr.hcl. See README.md.

variable "region" {
  type        = string
  default     = "us-east-1"
  description = "Region the instance runs in and the AMI is created in."
}

variable "ami_regions" {
  type        = list(string)
  default     = []
  description = "Further regions the finished AMI is copied to."
}

variable "instance_type" {
  type        = string
  default     = "t3.micro"
  description = "Instance type of the temporary build instance (x86_64)."
}

variable "app_version" {
  type        = string
  description = "Version stamped into the app binary; part of the AMI name and the Version tag."

  validation {
    condition     = length(var.app_version) > 0
    error_message = "The app_version variable must not be empty."
  }
}

variable "git_sha" {
  type        = string
  description = "Commit the app was built from (GitSha tag)."

  validation {
    condition     = length(var.git_sha) >= 7
    error_message = "The git_sha variable must hold a commit id of at least 7 characters."
  }
}

variable "environment" {
  type        = string
  default     = "dev"
  description = "Environment the AMI is meant for (Environment tag)."
}

variable "ami_name_prefix" {
  type        = string
  default     = "bakehouse-app"
  description = "AMI names are <prefix>-<app_version>-<UTC timestamp>."
}

variable "build_url" {
  type        = string
  default     = env("BUILD_URL")
  description = "Link to the CI build that baked the AMI (BuildUrl tag); default: BUILD_URL, which Jenkins sets, so the link is no input of the bake key."
}

variable "app_binary" {
  type        = string
  default     = ""
  description = "Path of the linux/amd64 app binary; empty means ../app/bin/bakehouse-app-linux-amd64 beside this template."
}

variable "tags" {
  type        = map(string)
  default     = {}
  description = "Extra tags for the AMI and its snapshots; the standard tags win on a clash."
}

variable "manifest_path" {
  type        = string
  default     = "packer-manifest.json"
  description = "Where the manifest post-processor writes the build's artifacts."
}

variable "source_ami_name" {
  type        = string
  default     = "al2023-ami-2023.*-x86_64"
  description = "Name pattern of the base image; the newest match owned by source_ami_owners wins."
}

variable "source_ami_owners" {
  type        = list(string)
  default     = ["amazon"]
  description = "Owners the base image may come from."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet for the build instance; empty uses the default VPC."
}

variable "ssh_interface" {
  type        = string
  default     = "public_ip"
  description = "How Packer reaches the build instance: public_ip, or private_ip when the build agent runs inside the VPC."
}

variable "local_ec2_endpoint" {
  type        = string
  default     = "http://127.0.0.1:5000"
  description = "EC2 endpoint of the local emulator used by the local build. Loopback only."

  validation {
    condition     = substr(var.local_ec2_endpoint, 0, 17) == "http://127.0.0.1:" || substr(var.local_ec2_endpoint, 0, 17) == "http://localhost:"
    error_message = "The local_ec2_endpoint variable must be http://127.0.0.1:<port> or http://localhost:<port>; the local build never talks to a remote endpoint."
  }
}

locals {
  ami_name   = "${var.ami_name_prefix}-${var.app_version}-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  app_binary = var.app_binary != "" ? var.app_binary : "${path.root}/../app/bin/bakehouse-app-linux-amd64"

  image_tags = merge(var.tags, {
    Name        = local.ami_name
    App         = "bakehouse-app"
    Version     = var.app_version
    GitSha      = var.git_sha
    BuildUrl    = var.build_url
    Environment = var.environment
  })
}

source "amazon-ebs" "app" {
  region          = var.region
  ami_regions     = var.ami_regions
  instance_type   = var.instance_type
  ami_name        = local.ami_name
  ami_description = "Bakehouse app ${var.app_version} (${var.git_sha}) on Amazon Linux 2023"

  source_ami_filter {
    filters = {
      name                = var.source_ami_name
      architecture        = "x86_64"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = var.source_ami_owners
    most_recent = true
  }

  tags          = local.image_tags
  snapshot_tags = local.image_tags
  # Builder is what the Jenkins agents' role may stop and terminate (jenkins-agents.yaml).
  run_tags = {
    Name    = "packer-${local.ami_name}"
    App     = "bakehouse-app"
    Version = var.app_version
    Builder = "bakehouse-packer"
  }
}

build {
  name = "aws"

  source "source.amazon-ebs.app" {
    subnet_id     = var.subnet_id
    ssh_username  = "ec2-user"
    ssh_interface = var.ssh_interface
  }

  provisioner "file" {
    source      = local.app_binary
    destination = "/tmp/bakehouse-app"
  }

  provisioner "file" {
    source      = "${path.root}/files/bakehouse-app.service"
    destination = "/tmp/bakehouse-app.service"
  }

  provisioner "shell" {
    script          = "${path.root}/scripts/install-app.sh"
    execute_command = "chmod +x {{ .Path }}; sudo env {{ .Vars }} {{ .Path }}"
    environment_vars = [
      "APP_BINARY=/tmp/bakehouse-app",
      "APP_UNIT=/tmp/bakehouse-app.service",
      "APP_VERSION=${var.app_version}",
    ]
  }

  provisioner "shell" {
    script           = "${path.root}/scripts/verify-app.sh"
    execute_command  = "chmod +x {{ .Path }}; sudo env {{ .Vars }} {{ .Path }}"
    environment_vars = ["EXPECTED_VERSION=${var.app_version}"]
  }

  post-processor "manifest" {
    output     = var.manifest_path
    strip_path = true
    custom_data = {
      mode        = "aws"
      app_version = var.app_version
      git_sha     = var.git_sha
    }
  }
}

build {
  name = "local"

  source "source.amazon-ebs.app" {
    custom_endpoint_ec2        = var.local_ec2_endpoint
    skip_credential_validation = true
    skip_metadata_api_check    = true
    skip_region_validation     = true
    communicator               = "none"
  }

  post-processor "manifest" {
    output     = var.manifest_path
    strip_path = true
    custom_data = {
      mode        = "local"
      app_version = var.app_version
      git_sha     = var.git_sha
    }
  }
}
